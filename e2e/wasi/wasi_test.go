// Package wasi runs a module bound with gowasm bind -target wasip1 (a
// WASI reactor) in Node through @gowasm/bridge, which runs it with
// node:wasi and no wasm_exec.js, and compares every result with the same
// package called natively: values of each kind, errors, a recovered
// panic, os.Exit, a blocking sleep and a deadlock, each followed by a
// call that shows whether the instance kept serving or was replaced.
package wasi

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/e2e/wasi/testdata/wasicalc"
)

type outcome struct {
	Value   any     `json:"value"`
	Class   string  `json:"class"`
	Message string  `json:"message"`
	Code    float64 `json:"code"`
}

func TestWASI(t *testing.T) {
	m := harness.BuildWASI(t, "wasi", "./e2e/wasi/testdata/wasicalc")
	// The same main built as a WASI command, without -buildmode=c-shared.
	gen := filepath.Join(m.Dir, "gen")
	command := filepath.Join(t.TempDir(), "command.wasm")
	for _, step := range []struct{ env, args []string }{
		{nil, []string{"run", "./tools/cmd/gowasm", "bind", "-target", "wasip1", "-o", gen, "./e2e/wasi/testdata/wasicalc"}},
		{[]string{"GOOS=wasip1", "GOARCH=wasm"}, []string{"build", "-o", command, gen}},
	} {
		build := exec.Command("go", step.args...)
		build.Dir = harness.Root()
		build.Env = append(os.Environ(), step.env...)
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("building a WASI command: go %v: %v\n%s", step.args, err, out)
		}
	}
	bridge := filepath.Join(harness.Root(), "web/bridge/index.js")
	out := harness.Node(t, "js/wasi.mjs", bridge, m.Binding, m.Wasm, command)
	var f struct {
		HasGo                                         string
		Add, Mul64, Greet, Scale, Reverse, Mid, Count outcome
		MidSame, BadArg, Boom, AfterBoom, Exit        outcome
		AfterExit, Sleep, Deadlock, AfterDeadlock     outcome
		AfterDeadlockAdd, Worker, Closed, Command     outcome
		Calls                                         []outcome
		SleepMs                                       float64
	}
	if err := json.Unmarshal(out, &f); err != nil {
		t.Fatalf("node output: %v\n%s", err, out)
	}
	if f.HasGo != "undefined" {
		t.Errorf("globalThis.Go is %s: the test must run without wasm_exec.js", f.HasGo)
	}

	// Values: what native Go returns, through encoding/json where composite.
	mid, _ := wasicalc.Mid(wasicalc.Point{X: 1, Y: 2, Label: "a", Tags: []string{"p"}}, wasicalc.Point{X: 3, Y: 6, Tags: []string{"q", "r"}})
	for _, c := range []struct {
		name string
		got  outcome
		want any
	}{
		{"add", f.Add, wasicalc.Add(2147483000, 600)},
		{"mul64", f.Mul64, strconv.FormatInt(wasicalc.Mul64(-3, 1234567890123), 10)},
		{"greet", f.Greet, wasicalc.Greet("wasi ✓ 𝄞")},
		{"scale", f.Scale, wasicalc.Scale([]float64{1.5, -2, 1e300}, 2)},
		{"reverse", f.Reverse, ints(wasicalc.Reverse([]byte{1, 2, 3, 250}))},
		{"mid", f.Mid, mid},
		{"count", f.Count, wasicalc.Count(map[string]int{"a": 2, "b": 40})},
		{"sleep", f.Sleep, wasicalc.Sleep(0) + 30},
	} {
		if c.got.Class != "" {
			t.Errorf("%s: threw %s: %s", c.name, c.got.Class, c.got.Message)
			continue
		}
		if !sameJSON(t, c.got.Value, c.want) {
			t.Errorf("%s: got %v, native Go gives %v", c.name, c.got.Value, c.want)
		}
	}
	if f.SleepMs < 30 {
		t.Errorf("sleep(30) returned after %.1f ms: under wasip1 a sync export that sleeps blocks", f.SleepMs)
	}

	// Errors and faults, each with the call after it.
	_, midErr := wasicalc.Mid(wasicalc.Point{X: 1, Y: 1}, wasicalc.Point{X: 1, Y: 1})
	faults := []struct {
		name  string
		got   outcome
		class string
		want  string
	}{
		{"midSame", f.MidSame, "GoError", midErr.Error()},
		{"badArg", f.BadArg, "TypeError", `parameter "b"`},
		{"boom", f.Boom, "GoPanicError", "wasicalc: bad"},
		{"exit", f.Exit, "GoExitError", "exited with code 3"},
		{"deadlock", f.Deadlock, "GoTrapError", "wasicalc.deadlock"},
		{"worker", f.Worker, "Error", "is a WASI module (gowasm module -target wasip1): it runs inline, in Node"},
		{"closed", f.Closed, "Error", "the API was closed"},
		{"command", f.Command, "Error", "a WASI command, not a reactor; build it with gowasm module -target wasip1 (GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared)"},
	}
	for _, c := range faults {
		if c.got.Class != c.class || !strings.Contains(c.got.Message, c.want) {
			t.Errorf("%s: %s %q; want a %s containing %q", c.name, c.got.Class, c.got.Message, c.class, c.want)
		}
	}
	if f.Exit.Code != 3 {
		t.Errorf("exit: code %v, want 3", f.Exit.Code)
	}
	// Calls counts per instance: a recovered panic keeps the instance; an
	// exit and a deadlock replace it.
	for _, c := range []struct {
		name string
		got  outcome
		want float64
	}{
		{"first call", f.Calls[0], 1}, {"second call", f.Calls[1], 2},
		{"after the panic", f.AfterBoom, 3}, {"after the exit", f.AfterExit, 1},
		{"after the deadlock", f.AfterDeadlock, 1}, {"add after the deadlock", f.AfterDeadlockAdd, 3},
	} {
		if c.got.Value != c.want {
			t.Errorf("%s: %+v, want %v", c.name, c.got, c.want)
		}
	}

	raw, _ := os.ReadFile(m.Wasm)
	t.Logf("the wasip1 module: %d bytes", len(raw))
}

// ints is b as numbers, as a Uint8Array reaches JSON (encoding/json
// would write base64).
func ints(b []byte) []int {
	out := make([]int, len(b))
	for i, c := range b {
		out[i] = int(c)
	}
	return out
}

// sameJSON reports whether got (decoded from JSON) equals want once want
// goes through encoding/json too.
func sameJSON(t *testing.T, got, want any) bool {
	t.Helper()
	data, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var norm any
	if err := json.Unmarshal(data, &norm); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(got, norm)
}
