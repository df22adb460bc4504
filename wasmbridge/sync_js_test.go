package wasmbridge

import (
	"errors"
	"strings"
	"testing"
	"unsafe"
)

// These tests run under Node with Go's own wasm_exec (make test runs
// GOOS=js GOARCH=wasm go test with go_js_wasm_exec on PATH).

// at turns a frame address back into a pointer, as JavaScript does with
// an offset into memory. The data stays alive through wasmbridge's own
// references (message, stack, kept).
func at(addr uint32) unsafe.Pointer { return unsafe.Add(unsafe.Pointer(nil), addr) }

func frameText(word int) string {
	return unsafe.String((*byte)(at(frame[word])), frame[word+1])
}

func TestLeaveUnpinsAndSetsOK(t *testing.T) {
	p := alloc(10)
	if uintptr(p)%8 != 0 {
		t.Fatalf("alloc returned %p, not 8-byte aligned", p)
	}
	Enter()
	if frame[FrameState] != uint32(StateRunning) || len(pinned) != 1 {
		t.Fatalf("after Enter: state %d, %d pinned", frame[FrameState], len(pinned))
	}
	Leave()
	if frame[FrameState] != uint32(StateOK) || len(pinned) != 0 {
		t.Fatalf("after Leave: state %d, %d pinned", frame[FrameState], len(pinned))
	}
}

func TestFailRecordsMessage(t *testing.T) {
	alloc(4)
	Enter()
	Fail(errors.New("no such file"))
	if frame[FrameState] != uint32(StateError) || frameText(FrameMessagePtr) != "no such file" || len(pinned) != 0 {
		t.Fatalf("state %d, message %q, %d pinned", frame[FrameState], frameText(FrameMessagePtr), len(pinned))
	}
}

func shim(f func()) {
	defer Recover()
	Enter()
	f()
	Leave()
}

func TestRecoverRecordsPanic(t *testing.T) {
	shim(func() {
		var v []int
		_ = v[3]
	})
	if frame[FrameState] != uint32(StatePanic) {
		t.Fatalf("state %d, want panic", frame[FrameState])
	}
	if msg := frameText(FrameMessagePtr); msg != "runtime error: index out of range [3] with length 0" {
		t.Fatalf("message %q", msg)
	}
	if stack := frameText(FrameStackPtr); !strings.Contains(stack, "TestRecoverRecordsPanic") {
		t.Fatalf("stack misses the panicking test:\n%s", stack)
	}
	// The next call starts clean.
	shim(func() {})
	if frame[FrameState] != uint32(StateOK) {
		t.Fatalf("state %d after a clean call", frame[FrameState])
	}
}

func TestParametersAliasPinnedBuffers(t *testing.T) {
	p := alloc(16)
	copy(unsafe.Slice((*byte)(p), 16), "hello, wasm!\x00\x01\x02\x03")
	if s := String(p, 5); s != "hello" {
		t.Fatalf("String = %q", s)
	}
	u := Numbers[uint32](p, 4)
	if len(u) != 4 || u[3] != 0x03020100 {
		t.Fatalf("Numbers = %x", u)
	}
	if e := Numbers[float64](nil, 0); e == nil || len(e) != 0 {
		t.Fatalf("empty Numbers = %#v, want empty non-nil", e)
	}
	if String(nil, 0) != "" || Decode(nil, 0).Finish("p") != nil {
		t.Fatal("empty parameters are not empty")
	}
	Leave()
}

// A parameter that reached Go malformed fails the call with the bad
// argument state, naming the parameter in the stack words.
func TestDecodedReportsBadArguments(t *testing.T) {
	p := alloc(4)
	copy(unsafe.Slice((*byte)(p), 4), []byte{0xff, 0xff, 0xff, 0xff}) // a count of 2^32-1, and nothing after it
	Enter()
	d := Decode(p, 4)
	if n := d.Count(1); n != 0 || Decoded(d, "words") {
		t.Fatalf("Count = %d, Decoded accepted a count the input cannot hold", n)
	}
	if frame[FrameState] != uint32(StateBadArgument) || frameText(FrameStackPtr) != "words" ||
		!strings.Contains(frameText(FrameMessagePtr), "a count of 4294967295") || len(pinned) != 0 {
		t.Fatalf("state %d, param %q, message %q, %d pinned", frame[FrameState], frameText(FrameStackPtr), frameText(FrameMessagePtr), len(pinned))
	}
}

func TestResultsStayAlive(t *testing.T) {
	Enter()
	ReturnNumbers([]float64{1, 2, 3})
	Leave()
	got := unsafe.Slice((*float64)(at(frame[FrameResultPtr])), frame[FrameResultLen]/8)
	if len(got) != 3 || got[2] != 3 {
		t.Fatalf("result = %v", got)
	}
	Enter()
	e := ResultEncoder()
	e.Int(1 << 60)
	if ReturnEncoded(e) || frame[FrameState] != uint32(StateError) {
		t.Fatalf("an unsafe int was returned; state %d", frame[FrameState])
	}
}

// int32Args encodes v as the arguments of an export taking one int32, as
// JavaScript does, in a buffer of its own.
func int32Args(v int32) []byte {
	var e Encoder
	e.Int32(v)
	return append([]byte(nil), e.Bytes()...)
}

// invokeInt32 runs invoker index on the argument v through gowasm__invoke,
// as a worker does, and returns the int32 result.
func invokeInt32(t *testing.T, index int32, v int32) int32 {
	t.Helper()
	args := int32Args(v)
	invoke(index, unsafe.Pointer(unsafe.SliceData(args)), int32(len(args)))
	if frame[FrameState] != uint32(StateOK) {
		t.Fatalf("invoke(%d, %d): state %d", index, v, frame[FrameState])
	}
	d := NewDecoder(unsafe.Slice((*byte)(at(frame[FrameResultPtr])), frame[FrameResultLen]))
	r := d.Int32()
	if err := d.Finish("result"); err != nil {
		t.Fatal(err)
	}
	return r
}

// addOne is an invoker of func(v int32) int32 { return v + 1 }.
func addOne(d *Decoder, e *Encoder) error {
	v := d.Int32()
	if err := d.Finish("v"); err != nil {
		return err
	}
	e.Int32(v + 1)
	return nil
}

// gowasm__invoke, worker mode's path for every call, allocates nothing:
// a Decoder per call was garbage that Go collected in pauses of
// milliseconds, some of them on a no-op round trip.
func TestInvokeAllocatesNothing(t *testing.T) {
	defer Register(invokeTable)
	Register([]Invoker{addOne})
	if got := invokeInt32(t, 0, 41); got != 42 {
		t.Fatalf("invoke = %d, want 42", got)
	}
	args := int32Args(41)
	ptr, n := unsafe.Pointer(unsafe.SliceData(args)), int32(len(args))
	if allocs := testing.AllocsPerRun(100, func() { invoke(0, ptr, n) }); allocs != 0 {
		t.Fatalf("invoke allocates %v times per call", allocs)
	}
}

// An export that calls back into Go through gowasm__invoke (say, by way
// of a JavaScript function) gets its own arguments and leaves the outer
// call's, already decoded, alone.
func TestInvokeReentered(t *testing.T) {
	defer Register(invokeTable)
	var inner int32
	Register([]Invoker{
		addOne,
		func(d *Decoder, e *Encoder) error {
			v := d.Int32()
			if err := d.Finish("v"); err != nil {
				return err
			}
			inner = invokeInt32(t, 0, v*100)
			e.Int32(v * 10)
			return nil
		},
	})
	if got := invokeInt32(t, 1, 7); got != 70 || inner != 701 {
		t.Fatalf("outer = %d, inner = %d; want 70 and 701", got, inner)
	}
}
