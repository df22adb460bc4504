// Package host_test runs wasicalc, built with gowasm module -target
// wasip1, in Go through package host (wazero), and compares every
// outcome with the same package called natively.
package host_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/e2e/wasi/testdata/wasicalc"
	"github.com/gowasm/gowasm/host"
	"github.com/gowasm/gowasm/wasmbridge"
)

var (
	buildOnce sync.Once
	wasmPath  string
)

// wasicalcModule is the module's path, built once per test binary.
func wasicalcModule(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() { wasmPath = harness.BuildWASI(t, "host-wasicalc", "./e2e/wasi/testdata/wasicalc").Wasm })
	if wasmPath == "" {
		t.Fatal("building wasicalc failed in an earlier test")
	}
	return wasmPath
}

func newModule(t testing.TB, opts ...host.Option) *host.Module {
	t.Helper()
	wasm, err := os.ReadFile(wasicalcModule(t))
	if err != nil {
		t.Fatal(err)
	}
	m, err := host.New(context.Background(), wasm, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(context.Background()) })
	return m
}

// call is Call for exports of one result, which it returns.
func call[R any](t testing.TB, m *host.Module, name string, args ...any) (R, error) {
	t.Helper()
	var r R
	err := m.Call(context.Background(), name, args, &r)
	return r, err
}

// native runs f, turning a panic into its message.
func native(f func()) (panicked any) {
	defer func() { panicked = recover() }()
	f()
	return nil
}

func TestValues(t *testing.T) {
	m := newModule(t)
	check := func(name string, got, want any, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, natively %#v", name, got, want)
		}
	}
	for _, c := range [][2]int32{{2, 40}, {1<<31 - 1, 1}, {-1 << 31, -1}} {
		got, err := call[int32](t, m, "add", c[0], c[1])
		check(fmt.Sprint("add", c), got, wasicalc.Add(c[0], c[1]), err)
	}
	for _, c := range [][2]int64{{-1 << 63, -1}, {1 << 40, 1 << 30}} {
		got, err := call[int64](t, m, "Mul64", c[0], c[1]) // the Go name works too
		check(fmt.Sprint("mul64", c), got, wasicalc.Mul64(c[0], c[1]), err)
	}
	for _, s := range []string{"", "héllo \U0001F600", "nul\x00byte", "\xff\xfe not UTF-8"} {
		got, err := call[string](t, m, "greet", s)
		check(fmt.Sprintf("greet(%q)", s), got, wasicalc.Greet(s), err)
	}
	floats := []float64{0, -1.5, 1e308, 5e-324}
	scaled, err := call[[]float64](t, m, "scale", floats, -2.0)
	check("scale", scaled, wasicalc.Scale(floats, -2), err)
	bytes := []byte{0, 1, 2, 255}
	reversed, err := call[[]byte](t, m, "reverse", bytes)
	check("reverse", reversed, wasicalc.Reverse(bytes), err)
	a, b := wasicalc.Point{X: 1, Y: 2, Tags: []string{"a"}}, wasicalc.Point{X: 3, Y: -4, Label: "b", Tags: []string{"b", "c"}}
	mid, err := call[wasicalc.Point](t, m, "mid", a, b)
	want, _ := wasicalc.Mid(a, b)
	check("mid", mid, want, err)
	words := map[string]int{"a": 1, "b": 1<<53 - 1, "": -7}
	count, err := call[int](t, m, "count", words)
	check("count", count, wasicalc.Count(words), err)

	// The export's error, by its message.
	_, err = call[wasicalc.Point](t, m, "mid", a, a)
	_, nativeErr := wasicalc.Mid(a, a)
	var goErr *host.GoError
	if !errors.As(err, &goErr) || goErr.Message != nativeErr.Error() || goErr.Func != "wasicalc.mid" {
		t.Errorf("mid(a, a): %#v, want a GoError %q", err, nativeErr)
	}
}

func TestFaults(t *testing.T) {
	m := newModule(t, host.WithPoolSize(1)) // one instance: a fault's effect on it shows
	calls := func() int32 {
		t.Helper()
		n, err := call[int32](t, m, "calls")
		if err != nil {
			t.Fatalf("calls after a fault: %v", err)
		}
		return n
	}
	if n := calls(); n != 1 {
		t.Fatalf("a fresh instance's first calls() = %d", n)
	}

	t.Run("panic", func(t *testing.T) {
		_, err := call[int32](t, m, "boom", "x")
		nativePanic := native(func() { wasicalc.Boom("x") })
		var p *host.PanicError
		if !errors.As(err, &p) || p.Message != fmt.Sprint(nativePanic) || !strings.Contains(p.Stack, "wasicalc.Boom(") {
			t.Fatalf("boom: %#v; want a PanicError %q with wasicalc.Boom in its stack", err, nativePanic)
		}
		if n := calls(); n != 2 {
			t.Errorf("after a panic calls() = %d, want 2: the instance keeps serving", n)
		}
	})
	t.Run("exit", func(t *testing.T) {
		_, err := call[int32](t, m, "exit", int32(3))
		var exit *host.ExitError
		if !errors.As(err, &exit) || exit.Code != 3 {
			t.Fatalf("exit(3): %#v, want an ExitError with code 3", err)
		}
		if n := calls(); n != 1 {
			t.Errorf("after an exit calls() = %d, want 1: a fresh instance", n)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		var r int64
		err := m.Call(ctx, "spin", []any{int64(1)}, &r)
		var stopped *host.InterruptedError
		if !errors.As(err, &stopped) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("spin past its deadline: %#v, want an InterruptedError wrapping context.DeadlineExceeded", err)
		}
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Errorf("spin stopped %v after a 100ms deadline", elapsed)
		}
		if n := calls(); n != 1 {
			t.Errorf("after a stopped call calls() = %d, want 1: a fresh instance", n)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		var r int64
		if err := m.Call(ctx, "spin", []any{int64(1)}, &r); !errors.Is(err, context.Canceled) {
			t.Fatalf("spin canceled: %#v, want context.Canceled", err)
		}
		// A context that has already ended starts nothing.
		if err := m.Call(ctx, "calls", nil, new(int32)); !errors.Is(err, context.Canceled) {
			t.Fatalf("a call with an ended context: %v", err)
		}
		if n := calls(); n != 1 {
			t.Errorf("calls() = %d, want 1", n)
		}
	})
	t.Run("deadlock", func(t *testing.T) {
		_, err := call[int32](t, m, "deadlock")
		var trap *host.TrapError
		if !errors.As(err, &trap) || !strings.Contains(trap.Message, "all goroutines are asleep") {
			t.Fatalf("deadlock: %#v, want a TrapError for Go's deadlock", err)
		}
		if n := calls(); n != 1 {
			t.Errorf("after a crash calls() = %d, want 1: a fresh instance", n)
		}
	})
	t.Run("sleep past the deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := m.Call(ctx, "sleep", []any{int32(5000)}, new(int32))
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
			t.Fatalf("sleep(5000) with a 100ms deadline: %v after %v", err, time.Since(start))
		}
		if n := calls(); n != 1 {
			t.Errorf("after a stopped sleep calls() = %d, want 1: a fresh instance", n)
		}
	})
	t.Run("sleep", func(t *testing.T) {
		start := time.Now()
		ms, err := call[int32](t, m, "sleep", int32(30))
		if err != nil || ms != 30 || time.Since(start) < 30*time.Millisecond {
			t.Fatalf("sleep(30) = %d, %v after %v", ms, err, time.Since(start))
		}
	})
}

// TestMemoryLimit caps an instance's memory: an export that allocates
// past it crashes with Go's out-of-memory error, and the next call gets
// a fresh instance.
func TestMemoryLimit(t *testing.T) {
	m := newModule(t, host.WithPoolSize(1), host.WithMemoryLimit(64<<20))
	if n, err := call[int32](t, m, "grow", int32(8)); err != nil || n != 8 {
		t.Fatalf("grow(8) under a 64 MiB cap = %d, %v", n, err)
	}
	_, err := call[int32](t, m, "grow", int32(128))
	var trap *host.TrapError
	if !errors.As(err, &trap) || !strings.Contains(trap.Message, "out of memory") {
		t.Fatalf("grow(128) under a 64 MiB cap: %#v, want a TrapError for out of memory", err)
	}
	if n, err := call[int32](t, m, "grow", int32(1)); err != nil || n != 1 {
		t.Fatalf("grow(1) after the crash = %d, %v; want 1 from a fresh instance", n, err)
	}
	// Without the cap the same call succeeds: the cap is what stopped it.
	free := newModule(t, host.WithPoolSize(1))
	if n, err := call[int32](t, free, "grow", int32(128)); err != nil || n != 128 {
		t.Fatalf("grow(128) without a cap = %d, %v", n, err)
	}
}

// TestMismatch: a call that does not fit the signature fails before it
// reaches the module, naming the function and the parameter.
func TestMismatch(t *testing.T) {
	m := newModule(t, host.WithPoolSize(1))
	ctx := context.Background()
	var i32 int32
	var i64 int64
	var point wasicalc.Point
	type other struct{ X, Y float64 }
	cases := []struct {
		name    string
		fn      string
		args    []any
		results []any
		param   string
		says    string
	}{
		{"wrong type", "add", []any{2, int32(3)}, []any{&i32}, "a", "want int32, got int"},
		{"too few", "add", []any{int32(2)}, []any{&i32}, "", "takes 2 arguments, got 1"},
		{"too many", "calls", []any{1}, []any{&i32}, "", "takes 0 arguments, got 1"},
		{"nil", "greet", []any{nil}, []any{new(string)}, "name", "want string, got nil"},
		{"struct of another type", "mid", []any{other{}, point}, []any{&point}, "a", "want Point, got host_test.other"},
		{"result of another type", "add", []any{int32(1), int32(2)}, []any{&i64}, "result 0", "want int32, got int64"},
		{"result not a pointer", "add", []any{int32(1), int32(2)}, []any{i32}, "result 0", "want a non-nil *int32"},
		{"no result pointer", "add", []any{int32(1), int32(2)}, nil, "", "returns 1 results, got 0"},
		{"unsafe int", "count", []any{map[string]int{"big": 1 << 60}}, []any{new(int)}, "words", "safe range"},
		{"slice of another element", "scale", []any{[]float32{1}, 2.0}, []any{new([]float64)}, "v", "want []float64, got []float32"},
	}
	for _, c := range cases {
		err := m.Call(ctx, c.fn, c.args, c.results...)
		var bad *host.ArgumentError
		if !errors.As(err, &bad) || bad.Func != "wasicalc."+c.fn || bad.Param != c.param || !strings.Contains(bad.Error(), c.says) {
			t.Errorf("%s: %v; want an ArgumentError for wasicalc.%s, parameter %q, saying %q", c.name, err, c.fn, c.param, c.says)
		}
	}
	if err := m.Call(ctx, "unknown", nil); !errors.Is(err, host.ErrNoExport) {
		t.Errorf("an unknown export: %v", err)
	}
	if !errors.Is(m.Call(ctx, "count", []any{map[string]int{"big": 1 << 60}}, new(int)), wasmbridge.ErrUnsafeInteger) {
		t.Error("an unsafe int's ArgumentError does not wrap wasmbridge.ErrUnsafeInteger")
	}
	// None of them reached the module.
	if n, err := call[int32](t, m, "calls"); err != nil || n != 1 {
		t.Errorf("calls() = %d, %v after the mismatches; want 1", n, err)
	}
}

// TestConcurrent sends 1,000 calls at once across a pool of 4, with a
// panic, an exit and a deadline mixed in, and checks every outcome
// against native Go. make test runs it with -race too.
func TestConcurrent(t *testing.T) {
	m := newModule(t, host.WithPoolSize(4))
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for i := range 1000 {
		wg.Go(func() {
			switch {
			case i%100 == 7:
				var p *host.PanicError
				if _, err := call[int32](t, m, "boom", fmt.Sprint(i)); !errors.As(err, &p) {
					errs <- fmt.Errorf("boom %d: %v", i, err)
				}
			case i%250 == 13:
				var e *host.ExitError
				if _, err := call[int32](t, m, "exit", int32(i)); !errors.As(err, &e) || e.Code != uint32(i) {
					errs <- fmt.Errorf("exit %d: %v", i, err)
				}
			case i%333 == 21:
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
				defer cancel()
				if err := m.Call(ctx, "spin", []any{int64(i)}, new(int64)); !errors.Is(err, context.DeadlineExceeded) {
					errs <- fmt.Errorf("spin %d: %v", i, err)
				}
			case i%2 == 0:
				got, err := call[string](t, m, "greet", strings.Repeat("é", i))
				if want := wasicalc.Greet(strings.Repeat("é", i)); err != nil || got != want {
					errs <- fmt.Errorf("greet %d: %q, %v", i, got, err)
				}
			default:
				a := wasicalc.Point{X: float64(i), Tags: []string{fmt.Sprint(i)}}
				b := wasicalc.Point{Y: float64(-i), Label: "p"}
				got, err := call[wasicalc.Point](t, m, "mid", a, b)
				if want, _ := wasicalc.Mid(a, b); err != nil || !reflect.DeepEqual(got, want) {
					errs <- fmt.Errorf("mid %d: %+v, %v", i, got, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestStart: an instance that cannot start in time is a StartError; a
// call whose context ends while an instance starts leaves it to the next
// call, and its slot is not lost.
func TestStart(t *testing.T) {
	slow := newModule(t, host.WithPoolSize(1), host.WithStartTimeout(time.Microsecond))
	var start *host.StartError
	if _, err := call[int32](t, slow, "calls"); !errors.As(err, &start) || !strings.Contains(err.Error(), "start timeout") {
		t.Fatalf("a call with a 1µs start timeout: %v, want a StartError", err)
	}

	// An instance takes 2-3 ms to start: this deadline passes during the
	// start, after the call has taken the pool's one slot.
	m := newModule(t, host.WithPoolSize(1))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Microsecond)
	defer cancel()
	var stopped *host.InterruptedError
	if err := m.Call(ctx, "calls", nil, new(int32)); !errors.As(err, &stopped) {
		t.Fatalf("a call with a 300µs deadline: %v, want an InterruptedError", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var n int32
	if err := m.Call(ctx, "calls", nil, &n); err != nil || n != 1 {
		t.Fatalf("the next call: %d, %v; want 1 from the instance the first one started", n, err)
	}
}

// TestClose: Close stops a call in progress, and later calls fail, with
// ErrClosed.
func TestClose(t *testing.T) {
	m := newModule(t, host.WithPoolSize(2))
	spinning := make(chan error, 1)
	go func() { spinning <- m.Call(context.Background(), "spin", []any{int64(1)}, new(int64)) }()
	time.Sleep(200 * time.Millisecond) // let it start spinning
	if err := m.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-spinning:
		if !errors.Is(err, host.ErrClosed) {
			t.Errorf("a call Close stopped: %v, want ErrClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not stop a spinning call")
	}
	if _, err := call[int32](t, m, "calls"); !errors.Is(err, host.ErrClosed) {
		t.Errorf("a call after Close: %v, want ErrClosed", err)
	}
}
