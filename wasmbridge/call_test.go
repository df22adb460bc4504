package wasmbridge

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

type stringer struct{}

func (stringer) String() string { return "from String" }

func TestPanicMessage(t *testing.T) {
	// The oracle is fmt's %v, which the runtime's own panic printing
	// matches for these kinds; fmt stays out of the wasm binary.
	for _, v := range []any{
		"text", errors.New("an error"), stringer{}, true, 42, int8(-8), int16(16), int32(-32), int64(-64),
		uint(1), uint8(8), uint16(16), uint32(32), uint64(64), float32(1.5), 2.25,
	} {
		if got, want := panicMessage(v), fmt.Sprintf("%v", v); got != want {
			t.Errorf("panicMessage(%#v) = %q, want %q", v, got, want)
		}
	}
	if got := panicMessage(struct{}{}); !strings.Contains(got, "non-printable") {
		t.Errorf("panicMessage(struct{}{}) = %q", got)
	}
}

func TestGoroutineStackStartsAtPanic(t *testing.T) {
	var stack string
	func() {
		defer func() {
			recover()
			stack = goroutineStack()
		}()
		explode()
	}()
	lines := strings.Split(stack, "\n")
	if !strings.HasPrefix(lines[0], "goroutine ") || !strings.HasPrefix(lines[1], "panic(") {
		t.Fatalf("stack does not start at the panic:\n%s", stack)
	}
	if !strings.Contains(stack, "wasmbridge.explode") {
		t.Fatalf("stack misses the panicking function:\n%s", stack)
	}
}

func explode() { panic("boom") }
