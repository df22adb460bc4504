package bench

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/e2e/wasi/testdata/wasicalc"
	"github.com/gowasm/gowasm/host"
)

// BenchmarkHost prints what a call costs from Go into a wasip1 module
// through package host (wazero), beside the same function called
// directly and the module's call path under bare wazero, and what
// starting the module costs: compiling it, with and without wazero's
// cache on disk, and an instance's first call.
func BenchmarkHost(b *testing.B) {
	wasm, err := os.ReadFile(harness.BuildWASI(b, "bench-host", "./e2e/wasi/testdata/wasicalc").Wasm)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	cache := b.TempDir()
	timed := func(f func() error) time.Duration {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var m *host.Module
	compile := timed(func() (err error) { m, err = host.New(ctx, wasm, host.WithCacheDir(cache)); return })
	defer m.Close(ctx)
	var sum int32
	first := timed(func() error { return m.Call(ctx, "add", []any{int32(1), int32(2)}, &sum) })
	var cached *host.Module
	compileCached := timed(func() (err error) { cached, err = host.New(ctx, wasm, host.WithCacheDir(cache)); return })
	cached.Close(ctx)
	for i := 0; i < b.N; i++ {
		// The work happens below; b.N only satisfies the framework.
	}

	// The module's own call path under bare wazero, with and without the
	// watch over each call's context that lets host stop a runaway loop.
	bare := func(watch bool) func() {
		r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig().WithCloseOnContextDone(watch))
		b.Cleanup(func() { r.Close(ctx) })
		wasi_snapshot_preview1.MustInstantiate(ctx, r)
		mod, err := r.InstantiateWithConfig(ctx, wasm, wazero.NewModuleConfig().WithStartFunctions("_initialize"))
		if err != nil {
			b.Fatal(err)
		}
		input, err := mod.ExportedFunction("gowasm__input").Call(ctx, 8)
		if err != nil {
			b.Fatal(err)
		}
		mod.Memory().Write(uint32(input[0]), []byte{2, 0, 0, 0, 40, 0, 0, 0}) // add(2, 40) in the wire format
		call, stack := mod.ExportedFunction("gowasm__call"), make([]uint64, 2)
		return func() {
			stack[0], stack[1] = 0, 8 // add is export 0; 8 bytes of arguments
			if err := call.CallWithStack(ctx, stack); err != nil {
				b.Fatal(err)
			}
		}
	}

	deadline, cancel := context.WithTimeout(ctx, time.Hour)
	defer cancel()
	a, p := wasicalc.Point{X: 1, Y: 2, Tags: []string{"a"}}, wasicalc.Point{X: 3, Label: "b"}
	var greeting string
	var mid wasicalc.Point
	rows := []struct {
		name string
		run  func()
	}{
		{"add(int32, int32), direct Go call", func() {
			sum = wasicalc.Add(sum, 1)
		}},
		{"add(int32, int32) through host", func() {
			if err := m.Call(ctx, "add", []any{sum, int32(1)}, &sum); err != nil {
				b.Fatal(err)
			}
		}},
		{"add: bare wazero, no context watch", bare(false)},
		{"add: bare wazero, context watch", bare(true)},
		{"add through host, with a deadline", func() {
			if err := m.Call(deadline, "add", []any{sum, int32(1)}, &sum); err != nil {
				b.Fatal(err)
			}
		}},
		{"greet(string), direct Go call", func() {
			greeting = wasicalc.Greet("gopher")
		}},
		{"greet(string) through host", func() {
			if err := m.Call(ctx, "greet", []any{"gopher"}, &greeting); err != nil {
				b.Fatal(err)
			}
		}},
		{"mid(Point, Point), direct Go call", func() {
			mid, _ = wasicalc.Mid(a, p)
		}},
		{"mid(Point, Point) through host", func() {
			if err := m.Call(ctx, "mid", []any{a, p}, &mid); err != nil {
				b.Fatal(err)
			}
		}},
	}
	fmt.Printf("\nwasicalc (%d bytes) from Go through package host (wazero), one goroutine\n", len(wasm))
	fmt.Printf("  %-38s %10.1f ms\n", "compile", ms(compile))
	fmt.Printf("  %-38s %10.1f ms\n", "compile, from wazero's cache on disk", ms(compileCached))
	fmt.Printf("  %-38s %10.1f ms\n", "first call (starts an instance)", ms(first))
	for _, r := range rows {
		fmt.Printf("  %-38s %10.1f ns/call\n", r.name, nsPerCall(r.run))
	}
}

// nsPerCall times f in rounds of doubling length until one takes 300 ms.
// (testing.Benchmark cannot run inside a benchmark: they share a lock.)
func nsPerCall(f func()) float64 {
	for n := 1; ; n *= 2 {
		start := time.Now()
		for range n {
			f()
		}
		if elapsed := time.Since(start); elapsed > 300*time.Millisecond {
			return float64(elapsed.Nanoseconds()) / float64(n)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
