package bench

import (
	"cmp"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// floorJS starts a module without any framework or bridge: the floor,
// and the bare page's script (js/floor.js).
//
//go:embed js/floor.js
var floorJS string

// startupPage is a page of the app whose first result comes from Go,
// with the module that computes it.
type startupPage struct {
	path   string
	module string // the module's path in the site's asset manifest, up to its hash
	suffix string
	goInit bool // whether the floor runs Go's main: a module of gowasm bind parks in wasmbridge.Serve
}

// startupPages are the app's pages that show a Go result without input;
// / and /bench compute nothing until asked.
var startupPages = []startupPage{
	{"/image", "assets/imaging-", ".wasm", true},
	{"/hash", "assets/hashing-", ".wasm", true},
	{"/data", "assets/tabular-", ".wasm", true},
	{"/vue/", "assets/hashing-", ".wasm", true},
	// go-app's main renders the page: its init is the page's result, so
	// the floor is the download, compile and instantiation alone.
	{"/goapp/", "goapp/web/app.wasm", "", false},
}

// startupRuns is the number of fresh browsers per page; medians count.
const startupRuns = 3

// secondVisitAfter is the pause between a page's first visit (once its
// service worker is ready) and its second.
const secondVisitAfter = time.Second

// BenchmarkStartup prints, for each page of the app built by make build
// and served by nginx, in headless Chromium with a fresh profile, started
// and left alone for a moment as a user's browser is (NewSettledBrowser):
// the time from navigation to the page's first Go result on screen (its
// first-result mark), cold and on a second visit (once the page's
// service worker has installed, as it has when a user comes back, and a
// second later), beside the floor: the download, compile, instantiation
// and Go init of the same module, in a fresh browser of its own.
// Targets: cold ≤ 1.3× the floor; warm ≤ 150 ms and ≤ 0.6× cold.
//
// Beside them, in a browser of its own, the bare page: a document with
// one script that starts the same module at once, and nothing else
// (js/floor.js), cold and on a second visit. The floor leaves out what
// every page needs, the navigation, its HTML and a script; the bare page
// shows how long that takes, and how far the app is from it. It reports
// and never asserts (e2e/app checks the marks exist).
//
//	go test ./e2e/bench -run '^$' -bench Startup -benchtime 1x
func BenchmarkStartup(b *testing.B) {
	site := harness.Site(b)
	manifest := harness.ReadManifest(b, site)
	wasmExec := "/" + manifest.Asset(b, "assets/wasm_exec-", ".js").Path
	n := harness.StartNginx(b, withBarePages(b, site, manifest, wasmExec))
	ingress := harness.StartIngress(b, n.URL)
	for i := 0; i < b.N; i++ {
		// The work happens once below; b.N only satisfies the framework.
	}
	// Where each protocol's pages come from: nginx, or the ingress before it.
	servers := map[string]startupServer{
		"http/1.1": {origin: n.URL},
		"h2":       {origin: ingress.URL, browserFlags: []chromedp.ExecAllocatorOption{ingress.Trust}},
	}
	// The links take turns, page by page, so that each link's figures
	// meet the machine in the same state, whatever else it runs.
	loadBefore := loadAverage()
	results := make([]map[string][]startupRun, len(startupLinks)) // per link, per page
	for i := range results {
		results[i] = map[string][]startupRun{}
	}
	for run := 0; run < startupRuns; run++ {
		for _, p := range startupPages {
			wasm := "/" + manifest.Asset(b, p.module, p.suffix).Path
			for i, link := range startupLinks {
				srv := servers[link.protocol]
				r := measureStartup(b, srv, p, link)
				r.Floor = measureFloor(b, srv, p, wasm, wasmExec, link)
				r.BareCold, r.BareWarm = measureBarePage(b, srv, p, link)
				for _, v := range []visit{r.Cold, r.BareCold} {
					if v.Protocol != link.protocol {
						b.Fatalf("%s over %s: the page came over %q, not %s", p.path, link.name, v.Protocol, link.protocol)
					}
				}
				results[i][p.path] = append(results[i][p.path], r)
			}
		}
	}
	loadAfter := loadAverage()
	for i, link := range startupLinks {
		printStartup(b, link, results[i], loadBefore, loadAfter)
	}
}

// startupServer is where a link's pages come from, and the flags a
// browser needs to reach it.
type startupServer struct {
	origin       string
	browserFlags []chromedp.ExecAllocatorOption
}

// startupLink is the network between browser and nginx: loopback as it
// is, or a slower link emulated by Chromium (Network.emulateNetworkConditions).
type startupLink struct {
	name      string
	protocol  string  // the navigation's nextHopProtocol: http/1.1 to nginx, h2 through harness.Ingress
	metrics   bool    // its figures are the benchmark's metrics: the targets are for this link
	latencyMs float64 // added to every request
	bytesPerS float64 // download throughput; 0: no throttling
}

// startupLinks: the targets are for loopback. In production, browsers
// speak HTTP/2 over TLS to the ingress in front of nginx, where the
// page's requests do not queue for HTTP/1.1's 6 connections; the ingress
// here (harness.Ingress) shares the machine's cores with the browser,
// which one of a cluster's would not. On an emulated 4G link the
// module's download dominates, as for most users: the figures show how
// much of the page's own start-up hides behind it.
var startupLinks = []startupLink{
	{name: "loopback", protocol: "http/1.1", metrics: true},
	{name: "loopback, HTTP/2 over TLS through an ingress", protocol: "h2"},
	{name: "emulated 4G (40 ms latency, 10 Mbit/s)", protocol: "http/1.1", latencyMs: 40, bytesPerS: 10e6 / 8},
}

func printStartup(b *testing.B, link startupLink, results map[string][]startupRun, loadBefore, loadAfter string) {
	fmt.Printf("\nstart-up to the first Go result over %s, production build under nginx, headless Chromium, fresh profile, median of %d\n", link.name, startupRuns)
	fmt.Printf("machine: %d CPUs, 1-minute load average %s before the runs of every link, %s after\n", runtime.NumCPU(), loadBefore, loadAfter)
	fmt.Printf("  %-8s %8s %8s %8s %7s %7s %8s %8s %7s   cold: %s\n",
		"page", "floor ms", "bare ms", "cold ms", "÷floor", "÷bare", "bare ms", "warm ms", "÷cold", "compiled · ready · first result, ms after navigation")
	fmt.Printf("  %-8s %8s %8s %8s %7s %7s %8s %8s %7s\n", "", "", "(cold)", "", "", "", "(warm)", "", "")
	for _, p := range startupPages {
		runs := results[p.path]
		floor := median(runs, func(r startupRun) float64 { return r.Floor.Total })
		bareCold := median(runs, func(r startupRun) float64 { return r.BareCold.FirstResult })
		coldRun := medianBy(runs, func(r startupRun) float64 { return r.Cold.FirstResult })
		cold := coldRun.Cold.FirstResult
		bareWarm := median(runs, func(r startupRun) float64 { return r.BareWarm.FirstResult })
		warm := median(runs, func(r startupRun) float64 { return r.Warm.FirstResult })
		fmt.Printf("  %-8s %8.1f %8.1f %8.1f %7.2f %7.2f %8.1f %8.1f %7.2f   %s\n",
			p.path, floor, bareCold, cold, cold/floor, cold/bareCold, bareWarm, warm, warm/cold, coldRun.Cold.timeline())
		if link.metrics {
			key := strings.Trim(p.path, "/")
			b.ReportMetric(cold/floor, key+"-cold-x-floor")
			b.ReportMetric(cold/bareCold, key+"-cold-x-bare")
			b.ReportMetric(warm, key+"-warm-ms")
		}
	}
	fmt.Printf("  targets (loopback): cold ≤ 1.30× the floor; warm ≤ 150 ms and ≤ 0.60× cold\n")
	fmt.Printf("  bare: a page with one script that starts the same module and nothing else, in a browser of its own\n")
	fmt.Printf("  floor of each run (download+compile · instantiate · Go init), the bare page, cold and warm of each run:\n")
	for _, p := range startupPages {
		for i, r := range results[p.path] {
			fmt.Printf("    %-8s run %d: floor %6.1f (%5.1f · %4.1f · %4.1f)   bare %6.1f, %6.1f   cold %6.1f   warm %6.1f (%s)%s\n",
				p.path, i+1, r.Floor.Total, r.Floor.Compile, r.Floor.Instantiate, r.Floor.Init,
				r.BareCold.FirstResult, r.BareWarm.FirstResult, r.Cold.FirstResult, r.Warm.FirstResult, r.Warm.timeline(), r.notes())
		}
	}
}

// notes are what to know when reading the run's figures.
func (r startupRun) notes() string {
	var notes []string
	if !r.ServiceWorker {
		notes = append(notes, "no service worker installed")
	}
	if r.Cold.Reloaded || r.Warm.Reloaded {
		notes = append(notes, "the page reloaded itself")
	}
	if len(notes) == 0 {
		return ""
	}
	return "   (" + strings.Join(notes, "; ") + ")"
}

// startupRun is one page's run: its visits in one fresh browser, its
// floor and its bare page each in one of their own.
type startupRun struct {
	Floor         floorResult // in a browser of its own
	Cold, Warm    visit
	BareCold      visit // the bare page, in a browser of its own
	BareWarm      visit
	ServiceWorker bool // the page's service worker was ready before the second visit
}

type floorResult struct {
	Compile, Instantiate, Init, Total float64
}

// visit is what a page recorded in one navigation: its User Timing marks
// (@gowasm/bridge's and first-result), in ms after navigation start.
type visit struct {
	FirstResult float64
	Protocol    string // the navigation's nextHopProtocol
	Reloaded    bool   // the page reloaded itself; the figure is the reload's
	Marks       []struct {
		Name string  `json:"name"`
		T    float64 `json:"t"`
	}
}

// timeline is the visit's last compile, last ready and first result.
func (v visit) timeline() string {
	last := func(name string) string {
		if t := v.mark(name); t >= 0 {
			return fmt.Sprintf("%.0f", t)
		}
		return "–"
	}
	return fmt.Sprintf("%s · %s · %.0f", last("gowasm:compiled"), last("gowasm:ready"), v.FirstResult)
}

// mark is the time of the visit's last mark called name, or -1 if it has none.
func (v visit) mark(name string) float64 {
	t := -1.0
	for _, m := range v.Marks {
		if m.Name == name {
			t = m.T
		}
	}
	return t
}

// measureStartup opens page in a fresh browser, once it has settled
// (harness.NewSettledBrowser): cold, then again once its service worker
// is ready and a second has passed.
func measureStartup(b *testing.B, srv startupServer, p startupPage, link startupLink) startupRun {
	b.Helper()
	origin := srv.origin
	browser, ctx, done := newStartupBrowser(b, srv, link)
	defer done()
	var r startupRun
	r.Cold = navigateToFirstResult(b, ctx, browser, origin+p.path)
	// A second visit comes later: by then the page's service worker,
	// registered once the first visit went idle, has installed.
	err := chromedp.Run(ctx, chromedp.Evaluate(`Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 10000))])`, &r.ServiceWorker,
		func(e *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return e.WithAwaitPromise(true) }))
	if err != nil {
		b.Fatalf("%s: %v", p.path, err)
	}
	// A user comes back later, not while the browser still optimises the
	// module it just ran.
	time.Sleep(secondVisitAfter)
	r.Warm = navigateToFirstResult(b, ctx, browser, origin+p.path)
	return r
}

// measureFloor times page's module alone (js/floor.js) on a page of the
// app's origin, in a fresh browser of its own: a renderer that has run
// the module reuses V8's compiled code for the same bytes, with the
// functions Go's start runs already compiled (Chromium compiles wasm
// lazily, function by function), and its Go init took a fraction of a
// fresh one's (README, "Start-up"). wasm_exec.js comes first, so that
// the floor times the module alone; no HTTP cache, so no code cache.
func measureFloor(b *testing.B, srv startupServer, p startupPage, wasm, wasmExec string, link startupLink) floorResult {
	b.Helper()
	browser, ctx, done := newStartupBrowser(b, srv, link)
	defer done()
	var floor string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.origin+"/robots.txt"),
		chromedp.Evaluate(fmt.Sprintf(`import(%q).then(() => import(%q)).then((m) => m.startModule(%q, %q, %v, { cache: 'no-store' })).then(JSON.stringify)`,
			wasmExec, floorScript, wasm, wasmExec, p.goInit), &floor,
			func(e *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return e.WithAwaitPromise(true) }),
	)
	if err != nil {
		b.Fatalf("the floor of %s: %v\n%s", wasm, err, strings.Join(browser.Console(), "\n"))
	}
	var r floorResult
	if err := json.Unmarshal([]byte(floor), &r); err != nil {
		b.Fatalf("the floor of %s: %v", wasm, err)
	}
	return r
}

// measureBarePage opens page's bare page (withBarePages) in a fresh
// browser, and again a second after its first result.
func measureBarePage(b *testing.B, srv startupServer, p startupPage, link startupLink) (cold, warm visit) {
	b.Helper()
	browser, ctx, done := newStartupBrowser(b, srv, link)
	defer done()
	cold = navigateToFirstResult(b, ctx, browser, srv.origin+barePage(p))
	time.Sleep(secondVisitAfter)
	warm = navigateToFirstResult(b, ctx, browser, srv.origin+barePage(p))
	return cold, warm
}

// newStartupBrowser is a settled browser (harness.NewSettledBrowser) for
// srv on link, a context of 2 minutes for one page's measurements in it,
// and the function that closes both: the next page's figures must not
// share the cores with this browser.
func newStartupBrowser(b *testing.B, srv startupServer, link startupLink) (*harness.Browser, context.Context, func()) {
	b.Helper()
	browser := harness.NewSettledBrowser(b, srv.browserFlags...)
	ctx, cancel := context.WithTimeout(browser.Ctx, 2*time.Minute)
	done := func() {
		cancel()
		browser.Close()
	}
	if link.bytesPerS > 0 {
		err := chromedp.Run(ctx, network.Enable(), network.EmulateNetworkConditions(false, link.latencyMs, link.bytesPerS, link.bytesPerS))
		if err != nil {
			done()
			b.Fatal(err)
		}
	}
	return browser, ctx, done
}

// floorScript is where withBarePages serves js/floor.js.
const floorScript = "/startup-floor.js"

// barePage is the path of page's bare page.
func barePage(p startupPage) string {
	return "/startup-floor-" + strings.Trim(p.path, "/") + ".html"
}

// withBarePages returns a directory that serves site as it is and,
// beside it (withFiles), js/floor.js and a bare page for each of
// startupPages: a document whose one script starts the page's module.
func withBarePages(b *testing.B, site string, manifest harness.Manifest, wasmExec string) string {
	b.Helper()
	files := map[string]string{floorScript: floorJS}
	for _, p := range startupPages {
		wasm := "/" + manifest.Asset(b, p.module, p.suffix).Path
		files[barePage(p)] = fmt.Sprintf(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>%s, bare</title><script type="module" src="%s"></script></head>
<body data-wasm="%s" data-wasm-exec="%s" data-run="%v"></body>
</html>
`, p.path, floorScript, wasm, wasmExec, p.goInit)
	}
	return withFiles(b, site, files)
}

// withFiles returns a directory that serves site as it is, by symbolic
// links, and files beside it, by path.
func withFiles(b *testing.B, site string, files map[string]string) string {
	b.Helper()
	dir := b.TempDir()
	entries, err := os.ReadDir(site)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Symlink(filepath.Join(site, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			b.Fatal(err)
		}
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// navigateToFirstResult navigates to url, by way of about:blank so that
// it is a navigation and not a reload, and waits for its first-result mark.
func navigateToFirstResult(b *testing.B, ctx context.Context, browser *harness.Browser, url string) visit {
	b.Helper()
	var out string
	err := chromedp.Run(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url))
	// go-app's page reloads itself when its service worker has installed
	// a build it has not run: the reloaded document then has the mark.
	for tries := 0; err == nil && tries < 3; tries++ {
		err = chromedp.Run(ctx,
			chromedp.Poll(`performance.getEntriesByName('first-result').length > 0`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
			chromedp.Evaluate(`JSON.stringify({
				FirstResult: performance.getEntriesByName('first-result')[0].startTime,
				Marks: performance.getEntriesByType('mark').map((m) => ({ name: m.name, t: m.startTime })),
				Reloaded: performance.getEntriesByType('navigation')[0].type === 'reload',
				Protocol: performance.getEntriesByType('navigation')[0].nextHopProtocol,
			})`, &out),
		)
		if err == nil || !strings.Contains(err.Error(), "Cannot find context") {
			break
		}
		err = nil
	}
	if err != nil {
		b.Fatalf("%s: no first-result mark: %v\n%s", url, err, strings.Join(browser.Console(), "\n"))
	}
	var v visit
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		b.Fatal(err)
	}
	return v
}

// median is the median of f over items.
func median[T any](items []T, f func(T) float64) float64 {
	return f(medianBy(items, f))
}

// medianBy is the item of items whose f is the median of items'.
func medianBy[T any](items []T, f func(T) float64) T {
	sorted := slices.Clone(items)
	slices.SortFunc(sorted, func(a, b T) int { return cmp.Compare(f(a), f(b)) })
	return sorted[len(sorted)/2]
}
