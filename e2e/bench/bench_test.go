package bench

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	appbench "github.com/gowasm/gowasm/app/bench"
	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// BenchmarkBridge prints, for Node and for headless Chromium, the cost of
// a call through the generated fast path, the raw //go:wasmexport, a
// hand-written js.FuncOf and plain JavaScript, and the []byte round-trip
// throughput at 1 MiB and 16 MiB. It reports and never asserts: these
// machines are noisy, so the numbers are only compared within one run.
//
//	go test ./e2e/bench -run '^$' -bench . -benchtime 1x
func BenchmarkBridge(b *testing.B) {
	m := harness.Build(b, "bench", "./app/bench")
	bridge := filepath.Join(harness.Root(), "web/bridge")
	results := map[string]benchResult{}

	var node benchResult
	out := harness.Node(b, "js/node.mjs", harness.WasmExec(b), filepath.Join(bridge, "index.js"), m.Binding, m.Wasm)
	if err := json.Unmarshal(out, &node); err != nil {
		b.Fatalf("node output: %v\n%s", err, out)
	}
	results["node"] = node

	url := harness.Serve(b, m.Routes(b, map[string]string{"/{$}": "js/index.html", "/runner/": "js", "/app/web/shared/": filepath.Join(harness.Root(), "app/web/shared")}))
	var page string
	harness.NewSettledBrowser(b).EvalPage(b, url+"/", "globalThis.bench", 5*time.Minute, &page)
	var chromium benchResult
	if err := json.Unmarshal([]byte(page), &chromium); err != nil {
		b.Fatalf("chromium output: %v\n%s", err, page)
	}
	results["chromium"] = chromium

	for i := 0; i < b.N; i++ {
		// The work happens once above; b.N only satisfies the framework.
	}
	for _, env := range []string{"node", "chromium"} {
		r := results[env]
		c := r.NsPerCall
		fmt.Printf("\n%s: ns/call of add(int32, int32) int32\n", env)
		fmt.Printf("  generated fast path  %8.1f ns\n", c.FastPath)
		fmt.Printf("  raw wasmexport       %8.1f ns\n", c.RawExport)
		fmt.Printf("  js.FuncOf            %8.1f ns   (%.0fx the fast path)\n", c.FuncOf, c.FuncOf/c.FastPath)
		fmt.Printf("  plain JS             %8.1f ns\n", c.PlainJS)
		fmt.Printf("%s: []byte echo round trip, payload MiB/s\n", env)
		for _, size := range []string{"1MiB", "16MiB"} {
			t := r.MiBPerSecond[size]
			fmt.Printf("  %-6s fast path %8.0f   js.FuncOf %8.0f   plain JS slice %8.0f\n", size, t.FastPath, t.FuncOf, t.PlainJS)
		}
		b.ReportMetric(c.FastPath, env+"-fast-ns/call")
		b.ReportMetric(c.FuncOf, env+"-funcof-ns/call")
		b.ReportMetric(c.FuncOf/c.FastPath, env+"-speedup-x")
		b.ReportMetric(r.MiBPerSecond["16MiB"].FastPath, env+"-16MiB-MiB/s")
	}
}

type benchResult struct {
	NsPerCall struct {
		FastPath  float64 `json:"fastPath"`
		RawExport float64 `json:"rawExport"`
		FuncOf    float64 `json:"funcOf"`
		PlainJS   float64 `json:"plainJS"`
	} `json:"nsPerCall"`
	MiBPerSecond map[string]struct {
		FastPath float64 `json:"fastPath"`
		FuncOf   float64 `json:"funcOf"`
		PlainJS  float64 `json:"plainJS"`
	} `json:"mibPerSecond"`
}

// BenchmarkWorkers prints, for headless Chromium, what worker and pool
// modes buy and cost: how much later than inline a pool of 2 is ready
// (target ≤ 30 ms), the pool's speedup on a CPU-bound export with 1 and
// 2 workers (target ≥ 1.9× on 2 idle cores), the round trip of a no-op call in
// worker mode, and the main thread's longest task while a 2-second Go job
// runs in a worker (target: none over 50 ms), each beside its inline
// equivalent. Beside the start and the round trip, the browser's own
// share (js/echo-worker.js): a worker that runs nothing, from new Worker
// to its first message, and the same messages sent to a worker that
// echoes them. It reports and never asserts.
//
// The page is served as production serves a site: by nginx with
// nginx.conf, its cross-origin isolation opt-in taken (as the README
// tells a site that wants shared memory; performance.now() then has µs
// resolution instead of 100 µs, and the no-op round trip is timed call by
// call). Under /assets/, with production's caching and compressed
// siblings, are the module and what a site's workers load: the worker
// script the production build (make build) ships, one bundled file where
// the bridge's own worker.js would load its module graph file by file
// (README, "Speed and size", has what that changed), and wasm_exec.js.
//
//	go test ./e2e/bench -run '^$' -bench Workers -benchtime 1x
func BenchmarkWorkers(b *testing.B) {
	m := harness.Build(b, "bench", "./app/bench")
	site := harness.Site(b)
	built := harness.ReadManifest(b, site)
	root := b.TempDir()
	for dst, src := range map[string]string{
		"index.html":            "js/workers.html",
		"runner":                "js",
		"bridge":                filepath.Join(harness.Root(), "web/bridge"),
		"gen/binding.js":        m.Binding,
		"assets/echo-worker.js": "js/echo-worker.js", // cached as the worker script is
	} {
		copyPath(b, filepath.Join(root, dst), src)
	}
	wasm, err := os.ReadFile(m.Wasm)
	if err != nil {
		b.Fatal(err)
	}
	gz, br := harness.Compress(wasm)
	for name, data := range map[string][]byte{"module.wasm": wasm, "module.wasm.gz": gz, "module.wasm.br": br} {
		writeFile(b, filepath.Join(root, "assets", name), data)
	}
	for name, prefix := range map[string]string{"worker.js": "assets/worker-", "wasm_exec.js": "assets/wasm_exec-"} {
		asset := filepath.Join(site, built.Asset(b, prefix, ".js").Path)
		for _, sibling := range []string{"", ".gz", ".br"} {
			copyPath(b, filepath.Join(root, "assets", name+sibling), asset+sibling)
		}
	}
	url := harness.StartNginxIsolated(b, root).URL
	browser := harness.NewSettledBrowser(b)
	loadBefore := loadAverage()
	var page string
	browser.EvalPage(b, url+"/", "globalThis.bench", 5*time.Minute, &page)
	loadAfter := loadAverage()
	var r workersResult
	if err := json.Unmarshal([]byte(page), &r); err != nil {
		b.Fatalf("chromium output: %v\n%s", err, page)
	}
	if problems := browser.Problems(); len(problems) > 0 {
		b.Errorf("the page reported problems:\n%s", strings.Join(problems, "\n"))
	}
	for i := 0; i < b.N; i++ {
		// The work happens once above; b.N only satisfies the framework.
	}

	e, p, n, j := r.Env, r.Pool, r.Noop, r.Job
	fmt.Printf("\nchromium: navigator.hardwareConcurrency %d, crossOriginIsolated %v, timer step %.1f µs, longtask API %v, page %s\n",
		e.HardwareConcurrency, e.CrossOriginIsolated, e.TimerResolutionUs, e.LongTaskSupported, e.Visibility)
	fmt.Printf("machine: %d CPUs, 1-minute load average %s before, %s after (other load skews the speedup)\n",
		runtime.NumCPU(), loadBefore, loadAfter)
	st := r.Start
	fmt.Printf("\nstart: load() to ready, download and compile included, median of %d (target: pool ≤ inline + 30 ms)\n", len(st.InlineAllMs))
	fmt.Printf("  inline               %8.1f ms   runs %s\n", st.InlineMs, msList(st.InlineAllMs))
	fmt.Printf("  pool of 2            %8.1f ms   runs %s\n", st.PoolMs, msList(st.PoolAllMs))
	fmt.Printf("  pool − inline        %8.1f ms\n", st.PoolMs-st.InlineMs)
	fmt.Printf("  bare worker          %8.1f ms   runs %s   (the browser's share: new Worker to the first message of a worker that runs nothing)\n",
		st.BareWorkerMs, msList(st.BareWorkerAllMs))
	fmt.Printf("\npool: %d concurrent work(%d) calls, best of %d (target speedup ≥ 1.9x)\n", p.Calls, p.N, len(p.Pool1AllMs))
	fmt.Printf("  inline, in sequence  %8.1f ms   (%.1f ms/call)\n", p.InlineMs, p.InlineMs/float64(p.Calls))
	fmt.Printf("  pool, 1 worker       %8.1f ms   runs %s\n", p.Pool1Ms, msList(p.Pool1AllMs))
	fmt.Printf("  pool, 2 workers      %8.1f ms   runs %s\n", p.Pool2Ms, msList(p.Pool2AllMs))
	fmt.Printf("  speedup 1 → 2        %8.2f x\n", p.Speedup)
	native1, native2 := nativeWork(int32(p.N), p.Calls, len(p.Pool1AllMs))
	fmt.Printf("  native Go, the same calls on 1 and 2 goroutines, best of %d: %.1f and %.1f ms, %.2f x: what the cores give now\n",
		len(p.Pool1AllMs), native1, native2, native1/native2)
	fmt.Printf("\nnoop() round trip in worker mode, %d sequential awaits, in blocks of 100 taking turns (target p50 ≤ 60 µs, p99 ≤ 300 µs)\n", n.Calls)
	for _, row := range []struct {
		name string
		l    latencies
	}{
		{fmt.Sprintf("shared memory, calls 1-%d", n.Calls), n.Shared.First},
		{fmt.Sprintf("messages,      calls 1-%d", n.Calls), n.Messages.First},
		{fmt.Sprintf("echo,          calls 1-%d", n.Calls), n.Echo.First},
		{fmt.Sprintf("shared memory, calls %d-%d", n.LaterCalls+1, n.Calls+n.LaterCalls), n.Shared.Later},
		{fmt.Sprintf("messages,      calls %d-%d", n.LaterCalls+1, n.Calls+n.LaterCalls), n.Messages.Later},
		{fmt.Sprintf("echo,          calls %d-%d", n.LaterCalls+1, n.Calls+n.LaterCalls), n.Echo.Later},
	} {
		fmt.Printf("  %-31s mean %7.1f µs   p50 %7.1f µs   p99 %7.1f µs   min %7.1f µs   max %7.1f µs\n",
			row.name, row.l.MeanUs, row.l.P50Us, row.l.P99Us, row.l.MinUs, row.l.MaxUs)
	}
	fmt.Printf("  shared memory: the default where the page is cross-origin isolated, as this one is; messages:\n")
	fmt.Printf("  sharedMemory: false, what other pages get; echo: the floor of messages, a worker that sends the\n")
	fmt.Printf("  same messages back (js/echo-worker.js). The later calls come once V8 has optimised the module's\n")
	fmt.Printf("  hot functions, in the background on the same cores\n")
	fmt.Printf("  inline   %7.1f ns\n", n.InlineNs)
	fmt.Printf("\nmain thread during spin(%d) (target: no long task over 50 ms in a worker)\n", j.SpinMs)
	for _, row := range []struct {
		name string
		s    spinResult
	}{{"worker", j.Worker}, {"inline", j.Inline}} {
		s := row.s
		fmt.Printf("  %-7s job %7.1f ms (%4dM rounds)   long tasks %d, longest %7.1f ms   max gap: setTimeout(0) %7.1f ms, rAF %7.1f ms (%d frames)\n",
			row.name, s.JobMs, s.Rounds>>20, s.LongTasks, s.LongestTaskMs, s.MaxTimeoutGapMs, s.MaxFrameGapMs, s.Frames)
	}

	b.ReportMetric(st.PoolMs-st.InlineMs, "pool-start-minus-inline-ms")
	b.ReportMetric(st.BareWorkerMs, "bare-worker-start-ms")
	b.ReportMetric(p.Speedup, "pool-speedup-x")
	b.ReportMetric(native1/native2, "native-speedup-x")
	b.ReportMetric(n.Shared.First.P50Us, "worker-noop-us")
	b.ReportMetric(n.Shared.First.P99Us, "worker-noop-p99-us")
	b.ReportMetric(n.Messages.First.P50Us, "worker-noop-messages-us")
	b.ReportMetric(n.Messages.First.P99Us, "worker-noop-messages-p99-us")
	b.ReportMetric(n.Echo.First.P50Us, "echo-worker-us")
	b.ReportMetric(j.Worker.LongestTaskMs, "worker-longest-task-ms")
	b.ReportMetric(j.Worker.MaxTimeoutGapMs, "worker-max-gap-ms")
	b.ReportMetric(j.Inline.LongestTaskMs, "inline-longest-task-ms")
}

// nativeWork runs calls of bench.Work(n) natively, one at a time and on
// 2 goroutines at once, alternately, rounds times each, and returns the
// best wall time of each in ms: the machine's own speedup beside the
// pool's, since a shared virtual machine's second core gives 1.3-2.1x
// from minute to minute.
func nativeWork(n int32, calls, rounds int) (oneMs, twoMs float64) {
	run := func(goroutines int) float64 {
		start := time.Now()
		next := make(chan struct{}, calls)
		for range calls {
			next <- struct{}{}
		}
		close(next)
		var wg sync.WaitGroup
		for range goroutines {
			wg.Go(func() {
				for range next {
					workSink.Add(appbench.Work(n))
				}
			})
		}
		wg.Wait()
		return float64(time.Since(start).Microseconds()) / 1000
	}
	oneMs, twoMs = math.Inf(1), math.Inf(1)
	for range rounds {
		oneMs = min(oneMs, run(1))
		twoMs = min(twoMs, run(2))
	}
	return oneMs, twoMs
}

// workSink keeps Work's results, so that the compiler keeps the calls.
var workSink atomic.Uint32

// loadAverage is the 1-minute load average from /proc/loadavg, or "?".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if fields := strings.Fields(string(data)); err == nil && len(fields) > 0 {
		return fields[0]
	}
	return "?"
}

func msList(ms []float64) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%.0f", m))
	}
	return strings.Join(parts, ", ") + " ms"
}

type workersResult struct {
	Env struct {
		HardwareConcurrency int     `json:"hardwareConcurrency"`
		CrossOriginIsolated bool    `json:"crossOriginIsolated"`
		TimerResolutionUs   float64 `json:"timerResolutionUs"`
		LongTaskSupported   bool    `json:"longTaskSupported"`
		Visibility          string  `json:"visibility"`
	} `json:"env"`
	Start struct {
		InlineMs        float64   `json:"inlineMs"`
		PoolMs          float64   `json:"poolMs"`
		BareWorkerMs    float64   `json:"bareWorkerMs"`
		InlineAllMs     []float64 `json:"inlineAllMs"`
		PoolAllMs       []float64 `json:"poolAllMs"`
		BareWorkerAllMs []float64 `json:"bareWorkerAllMs"`
	} `json:"start"`
	Pool struct {
		N          int       `json:"n"`
		Calls      int       `json:"calls"`
		InlineMs   float64   `json:"inlineMs"`
		Pool1Ms    float64   `json:"pool1Ms"`
		Pool2Ms    float64   `json:"pool2Ms"`
		Pool1AllMs []float64 `json:"pool1AllMs"`
		Pool2AllMs []float64 `json:"pool2AllMs"`
		Speedup    float64   `json:"speedup"`
	} `json:"pool"`
	Noop struct {
		Calls      int         `json:"calls"`
		LaterCalls int         `json:"laterCalls"` // timed after the first Calls; their last Calls count
		Shared     noopLatency `json:"shared"`
		Messages   noopLatency `json:"messages"`
		Echo       noopLatency `json:"echo"` // the floor of messages: a worker that echoes the same messages
		InlineNs   float64     `json:"inlineNs"`
	} `json:"noop"`
	Job struct {
		SpinMs int        `json:"spinMs"`
		Worker spinResult `json:"worker"`
		Inline spinResult `json:"inline"`
	} `json:"job"`
}

// noopLatency is one way's round trips: the first calls, and the last of the later ones.
type noopLatency struct {
	First latencies `json:"first"`
	Later latencies `json:"later"`
}

// latencies are round trips' mean and percentiles, in µs.
type latencies struct {
	MeanUs float64 `json:"meanUs"`
	P50Us  float64 `json:"p50Us"`
	P99Us  float64 `json:"p99Us"`
	MinUs  float64 `json:"minUs"`
	MaxUs  float64 `json:"maxUs"`
}

type spinResult struct {
	JobMs           float64 `json:"jobMs"`
	Rounds          uint32  `json:"rounds"`
	LongTasks       int     `json:"longTasks"`
	LongestTaskMs   float64 `json:"longestTaskMs"`
	MaxTimeoutGapMs float64 `json:"maxTimeoutGapMs"`
	MaxFrameGapMs   float64 `json:"maxFrameGapMs"`
	Frames          int     `json:"frames"`
}

// copyPath copies the file or directory src to dst, making dst's parents.
func copyPath(tb testing.TB, dst, src string) {
	tb.Helper()
	info, err := os.Stat(src)
	if err != nil {
		tb.Fatal(err)
	}
	if info.IsDir() {
		err = os.CopyFS(dst, os.DirFS(src))
	} else {
		var data []byte
		if data, err = os.ReadFile(src); err == nil {
			writeFile(tb, dst, data)
		}
	}
	if err != nil {
		tb.Fatal(err)
	}
}

func writeFile(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}
