package bench

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

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
	m := harness.Build(b, "bench", "./e2e/bench")
	bridge := filepath.Join(harness.Root(), "web/bridge")
	results := map[string]benchResult{}

	var node benchResult
	out := harness.Node(b, "js/node.mjs", harness.WasmExec(b), filepath.Join(bridge, "index.js"), m.Binding, m.Wasm)
	if err := json.Unmarshal(out, &node); err != nil {
		b.Fatalf("node output: %v\n%s", err, out)
	}
	results["node"] = node

	url := harness.Serve(b, map[string]string{
		"/{$}":            "js/index.html",
		"/wasm_exec.js":   harness.WasmExec(b),
		"/bridge/":        bridge,
		"/runner/":        "js",
		"/gen/binding.js": m.Binding,
		"/module.wasm":    m.Wasm,
	})
	var page string
	harness.NewBrowser(b).EvalPage(b, url+"/", "globalThis.bench", 5*time.Minute, &page)
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
