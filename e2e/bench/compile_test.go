package bench

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

var (
	//go:embed js/compile-where.js
	compileWhereJS string
	//go:embed js/compile-worker.js
	compileWorkerJS string
)

// compileVariant is one way for a page to compile its module.
type compileVariant struct {
	where   string // main: on the page's main thread; worker: in a worker, the Module sent back
	preload bool   // the HTML preloads the module as the app's pages do ({{preload}})
}

func (v compileVariant) name() string {
	name := "compile on the main thread"
	if v.where == "worker" {
		name = "compile in a worker"
	}
	if v.preload {
		name += ", <link rel=preload>"
	}
	return name
}

func (v compileVariant) page() string {
	return fmt.Sprintf("/compile-where-%s-%v.html", v.where, v.preload)
}

var compileVariants = []compileVariant{{"main", false}, {"worker", false}, {"main", true}, {"worker", true}}

// compileRuns is the number of fresh browsers per variant; medians count.
const compileRuns = 5

// compileBusyMs is the page's own main-thread work while its module
// compiles: the app's React pages spend about 130-170 ms evaluating
// React and their code and rendering before their first result (CDP
// traces of cold /hash and /image).
const compileBusyMs = 150

// BenchmarkCompileWhere prints, for the hashing module of the production
// build under nginx, in fresh settled browsers, on loopback, the time
// from navigation to Go's first result on a page that compiles the
// module on its main thread or in a worker while its main thread does
// 150 ms of work of its own (js/compile-where.js), with and without the
// HTML preload the app's /hash page has. Chromium's streaming compile
// receives the module's bytes on the thread that called it: on 2 cores
// the main thread is what a page's start waits for, and this measures
// what moving that work off it would give, before the bridge does. It
// reports and never asserts.
//
//	go test ./e2e/bench -run '^$' -bench CompileWhere -benchtime 1x
func BenchmarkCompileWhere(b *testing.B) {
	site := harness.Site(b)
	manifest := harness.ReadManifest(b, site)
	wasm := "/" + manifest.Asset(b, "assets/hashing-", ".wasm").Path
	wasmExec := "/" + manifest.Asset(b, "assets/wasm_exec-", ".js").Path
	appPreload := preloadLink(b, filepath.Join(site, "hash", "index.html"), wasm)
	files := map[string]string{"/compile-where.js": compileWhereJS, "/compile-worker.js": compileWorkerJS}
	for _, v := range compileVariants {
		preload := ""
		if v.preload {
			preload = appPreload
		}
		files[v.page()] = fmt.Sprintf(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>%s</title>%s<script src="%s"></script><script type="module" src="/compile-where.js"></script></head>
<body data-wasm="%s" data-where="%s" data-busy-ms="%d"></body>
</html>
`, v.name(), preload, wasmExec, wasm, v.where, compileBusyMs)
	}
	srv := startupServer{origin: harness.StartNginx(b, withFiles(b, site, files)).URL}
	for i := 0; i < b.N; i++ {
		// The work happens once below; b.N only satisfies the framework.
	}
	// Loopback only: Chromium's network emulation, set on the page's
	// session, does not reach a dedicated worker's requests, so over
	// emulated 4G the worker downloaded at loopback speed (first result
	// 411 ms against 910 on the main thread), which compares nothing.
	link := startupLinks[slices.IndexFunc(startupLinks, func(l startupLink) bool { return l.metrics })]
	loadBefore := loadAverage()
	results := make([][]visit, len(compileVariants))
	for run := 0; run < compileRuns; run++ {
		// The variants take turns, each round starting with the next one.
		for k := range compileVariants {
			i := (k + run) % len(compileVariants)
			browser, ctx, done := newStartupBrowser(b, srv, link)
			results[i] = append(results[i], navigateToFirstResult(b, ctx, browser, srv.origin+compileVariants[i].page()))
			done()
		}
	}
	printCompileWhere(b, link, results, loadBefore, loadAverage())
}

// preloadLink is the <link rel="preload"> of wasm in the built page at
// path: the preload exactly as gowasm build writes it ({{preload}}).
func preloadLink(b *testing.B, path, wasm string) string {
	b.Helper()
	page, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, link := range regexp.MustCompile(`<link rel="preload"[^>]*>`).FindAllString(string(page), -1) {
		if strings.Contains(link, `href="`+wasm+`"`) {
			return link
		}
	}
	b.Fatalf("%s has no <link rel=\"preload\"> of %s", path, wasm)
	return ""
}

func printCompileWhere(b *testing.B, link startupLink, results [][]visit, loadBefore, loadAfter string) {
	fmt.Printf("\nwhere the module compiles: navigation to Go's first result over %s, hashing module, production build\n", link.name)
	fmt.Printf("under nginx, fresh browsers, the page's main thread busy for %d ms meanwhile (js/compile-where.js), median of %d\n", compileBusyMs, compileRuns)
	fmt.Printf("machine: %d CPUs, 1-minute load average %s before, %s after\n", runtime.NumCPU(), loadBefore, loadAfter)
	first := func(v visit) float64 { return v.FirstResult }
	compiled := func(v visit) float64 { return v.mark("compiled") }
	medians := make([]float64, len(compileVariants))
	for i, v := range compileVariants {
		medians[i] = median(results[i], first)
		var runs []string
		for _, r := range results[i] {
			runs = append(runs, fmt.Sprintf("%.0f", r.FirstResult))
		}
		fmt.Printf("  %-48s compiled %6.1f ms   first result %6.1f ms   runs %s\n",
			v.name(), median(results[i], compiled), medians[i], strings.Join(runs, ", "))
	}
	b.ReportMetric(medians[1]-medians[0], "worker-minus-main-ms")
	b.ReportMetric(medians[3]-medians[2], "worker-minus-main-preloaded-ms")
}
