package bench

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// BenchmarkPage runs the app's /bench page, a full run, in headless
// Chromium against make build served by nginx, and prints its table: Go
// through gowasm beside plain JavaScript, hash-wasm, @noble/hashes,
// WebCrypto and photon (Rust), with the ratios. It reports and never
// asserts (e2e/app's TestBench checks the page works).
//
//	go test ./e2e/bench -run '^$' -bench Page -benchtime 1x
func BenchmarkPage(b *testing.B) {
	n := harness.StartNginx(b, harness.Site(b))
	browser := harness.NewSettledBrowser(b)
	var r pageResult
	ctx, cancel := context.WithTimeout(browser.Ctx, 15*time.Minute)
	defer cancel()
	err := chromedp.Run(ctx,
		chromedp.Navigate(n.URL+"/bench?run"),
		chromedp.Poll(`globalThis.benchResults`, nil, chromedp.WithPollingTimeout(15*time.Minute), chromedp.WithPollingInterval(time.Second)),
		chromedp.Evaluate(`globalThis.benchResults`, &r),
	)
	if err != nil {
		b.Fatalf("the /bench page: %v\n%s", err, strings.Join(browser.Console(), "\n"))
	}
	if r.Error != "" {
		b.Fatalf("the /bench page failed: %s", r.Error)
	}
	for i := 0; i < b.N; i++ {
		// The work happens once above; b.N only satisfies the framework.
	}

	fmt.Printf("\n/bench in headless Chromium (%d cores): %s\n", r.Environment.Cores, r.Environment.UserAgent)
	c := r.CallOverhead
	fmt.Printf("\ncall overhead, add(int32, int32) int32   ns/call\n")
	fmt.Printf("  gowasm fast path        %10.1f\n", c["gowasm"])
	fmt.Printf("  hand-written js.FuncOf  %10.1f   (%.0fx gowasm)\n", c["funcOf"], c["funcOf"]/c["gowasm"])
	fmt.Printf("  plain JavaScript        %10.1f   (gowasm is %.1fx plain JS)\n", c["plainJS"], c["gowasm"]/c["plainJS"])

	fmt.Printf("\nSHA-256, MB/s       ")
	sizes := []string{"64 B", "4 KiB", "1 MiB", "64 MiB"}
	for _, s := range sizes {
		fmt.Printf("%10s", s)
	}
	fmt.Printf("   gowasm ÷ peer at 64 MiB\n")
	for _, impl := range []struct{ key, name string }{{"gowasm", "gowasm"}, {"hashWasm", "hash-wasm"}, {"noble", "@noble/hashes"}, {"webCrypto", "WebCrypto"}} {
		fmt.Printf("  %-18s", impl.name)
		for _, s := range sizes {
			fmt.Printf("%10.1f", r.SHA256[impl.key][s])
		}
		if impl.key != "gowasm" {
			fmt.Printf("   %.2fx", r.SHA256["gowasm"]["64 MiB"]/r.SHA256[impl.key]["64 MiB"])
		}
		fmt.Println()
	}

	bl := r.Blur
	fmt.Printf("\nGaussian blur (sigma 3), %.2f megapixels   MP/s   gowasm inline ÷ it\n", bl.Megapixels)
	row := func(name string, v float64) { fmt.Printf("  %-22s %8.2f   %.2fx\n", name, v, bl.GowasmInline/v) }
	row("gowasm inline", bl.GowasmInline)
	row("gowasm worker", bl.GowasmWorker)
	for w := 1; w <= len(bl.Pool); w++ {
		row(fmt.Sprintf("gowasm pool of %d", w), bl.Pool[fmt.Sprint(w)])
	}
	row("photon (Rust)", bl.Photon)
	row("plain JavaScript", bl.PlainJS)
	fmt.Printf("  the JavaScript port gives Go's bytes: %v\n", bl.PlainJSMatchesGo)

	s := r.Startup
	fmt.Printf("\nstart-up of imaging.wasm (%.2f MB), fresh fetch, median of runs, ms\n", s["bytes"]/1e6)
	fmt.Printf("  fetch %.1f   compile %.1f   instantiate + Go init %.1f   first result %.1f   total %.1f\n",
		s["fetch"], s["compile"], s["instantiateAndInit"], s["firstResult"], s["total"])

	b.ReportMetric(c["gowasm"], "fast-path-ns/call")
	b.ReportMetric(r.SHA256["gowasm"]["64 MiB"]/r.SHA256["hashWasm"]["64 MiB"], "sha256-vs-hash-wasm-x")
	b.ReportMetric(bl.GowasmInline/bl.Photon, "blur-vs-photon-x")
}

type pageResult struct {
	Error       string
	Environment struct {
		UserAgent string
		Cores     int
	}
	CallOverhead map[string]float64
	SHA256       map[string]map[string]float64
	Blur         struct {
		Megapixels                                  float64
		GowasmInline, GowasmWorker, Photon, PlainJS float64
		Pool                                        map[string]float64
		PlainJSMatchesGo                            bool
	}
	Startup map[string]float64
}
