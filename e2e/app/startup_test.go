package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// startupFacts is what a page recorded of its start: marks, fetches.
type startupFacts struct {
	FirstResult float64
	// gowasm marks by name, each with its module, url and time.
	Marks map[string][]struct {
		Module    string  `json:"module"`
		URL       string  `json:"url"`
		Mode      string  `json:"mode"`
		Preloaded bool    `json:"preloaded"`
		T         float64 `json:"t"`
	}
	Fetches        map[string]int    // URL of each .wasm and .js fetched → times
	Initiators     map[string]string // URL of each .wasm fetched → what fetched it: link for the HTML's preload
	Preloads       []string          // the hrefs of the HTML's modulepreload links
	ModulePreloads []string          // the hrefs of its preload links (gowasm build's {{preload}})
}

const startupScript = `(() => {
	const marks = {};
	for (const m of performance.getEntriesByType('mark')) {
		if (!m.name.startsWith('gowasm:')) continue;
		(marks[m.name] ??= []).push({ ...m.detail, t: m.startTime });
	}
	const fetches = {};
	const initiators = {};
	for (const r of performance.getEntriesByType('resource')) {
		if (/\.(wasm|js)$/.test(r.name)) fetches[r.name] = (fetches[r.name] ?? 0) + 1;
		if (r.name.endsWith('.wasm')) initiators[r.name] = r.initiatorType;
	}
	return {
		FirstResult: performance.getEntriesByName('first-result')[0].startTime,
		Marks: marks,
		Fetches: fetches,
		Initiators: initiators,
		Preloads: [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => l.href),
		ModulePreloads: [...document.querySelectorAll('link[rel=preload][as=fetch]')].map((l) => l.href),
	};
})()`

// TestStartup opens each page that shows a Go result without input, in a
// fresh browser, and checks how it started: the result is right and
// marked first-result; the entry started the page's module download
// and its instance on the main thread (preload()), which the page's own
// useGo took over, and a module the page needs later waited; one
// instance per mode, one fetch and one compile per module, whatever the
// modes; every chunk preloaded, by the HTML or before a dynamic import,
// is fetched once. make bench times the same marks (BenchmarkStartup).
func TestStartup(t *testing.T) {
	text := sha256.Sum256([]byte("The quick brown fox jumps over the lazy dog"))
	textHex := hex.EncodeToString(text[:])
	for _, c := range []struct {
		path    string
		modules []string            // the modules the page loads
		modes   map[string][]string // ready marks: the mode, and whether the entry's preload started it
		result  string              // a check of the first result, true when it is right
		// later: a module the page downloads only once another's instance
		// on the main thread is ready, not from the entry → that other one.
		later map[string]string
	}{
		{"/image", []string{"imaging"}, map[string][]string{"imaging": {"inline preloaded", "pool"}},
			`document.querySelector('.preview canvas')?.dataset.drawn === 'true'`, nil},
		{"/hash", []string{"hashing"}, map[string][]string{"hashing": {"inline preloaded", "pool"}},
			`document.querySelector('output[data-digest=text]')?.textContent === '` + textHex + `'`, nil},
		{"/data", []string{"tabular"}, map[string][]string{"tabular": {"inline preloaded", "worker"}},
			`document.querySelectorAll('table tbody tr').length > 0`, nil},
		{"/vue/", []string{"hashing", "tabular"}, map[string][]string{"hashing": {"inline preloaded", "pool"}, "tabular": {"worker"}},
			`document.querySelector('output[data-digest=text]')?.textContent === '` + textHex + `'`, map[string]string{"tabular": "hashing"}},
	} {
		t.Run(strings.Trim(c.path, "/"), func(t *testing.T) {
			p := newTab(t)
			p.run(time.Minute, chromedp.Navigate(p.base+c.path))
			p.wait(`performance.getEntriesByName('first-result').length > 0`, time.Minute)
			p.wait(c.result, 10*time.Second)
			// Every load has finished, the pools' too.
			want := 0
			for _, modes := range c.modes {
				want += len(modes)
			}
			p.wait(`performance.getEntriesByName('gowasm:ready').length >= `+strconv.Itoa(want), time.Minute)
			var f startupFacts
			p.eval(startupScript, &f)

			readyInline := func(module string) float64 {
				for _, m := range f.Marks["gowasm:ready"] {
					if m.Mode == "inline" && strings.Contains(m.URL, "/assets/"+module+"-") {
						return m.T
					}
				}
				t.Fatalf("%s: no inline gowasm:ready mark: %+v", module, f.Marks)
				return 0
			}
			for _, module := range c.modules {
				var url string
				for _, m := range f.Marks["gowasm:fetch-start"] {
					if !strings.Contains(m.URL, "/assets/"+module+"-") {
						continue
					}
					url = m.URL
					if after, ok := c.later[module]; ok {
						if m.Module != module || m.T < readyInline(after) {
							t.Errorf("%s: its download was started by a load() of %q at %.0f ms; want the page's load(), once %s was ready at %.0f ms",
								module, m.Module, m.T, after, readyInline(after))
						}
						continue
					}
					// preload(url) names the file; preload(binding, options) the package.
					byURL := strings.HasPrefix(m.Module, module+"-") && strings.HasSuffix(m.Module, ".wasm")
					byBinding := m.Module == module && slices.Contains(c.modes[module], "inline preloaded")
					if !byURL && !byBinding {
						t.Errorf("%s: its download was started by a load() of %q, not by the entry's preload()", module, m.Module)
					}
				}
				if url == "" {
					t.Fatalf("%s: no gowasm:fetch-start mark: %+v", module, f.Marks)
				}
				count := func(name string) (n int) {
					for _, m := range f.Marks[name] {
						if m.URL == url {
							n++
						}
					}
					return n
				}
				var modes []string
				for _, m := range f.Marks["gowasm:ready"] {
					if m.URL == url {
						modes = append(modes, m.Mode+map[bool]string{true: " preloaded"}[m.Preloaded])
					}
				}
				if f.Fetches[url] != 1 || count("gowasm:fetch-start") != 1 || count("gowasm:compiled") != 1 {
					t.Errorf("%s: fetched %d times, %d fetch-start and %d compiled marks; want one of each",
						module, f.Fetches[url], count("gowasm:fetch-start"), count("gowasm:compiled"))
				}
				if !sameSet(modes, c.modes[module]) {
					t.Errorf("%s: ready in modes %q, want %q", module, modes, c.modes[module])
				}
				// The page's own HTML started the download of a module it
				// needs at once, and the bridge used that download.
				_, later := c.later[module]
				if preloaded := slices.Contains(f.ModulePreloads, url); preloaded == later || (!later && f.Initiators[url] != "link") {
					t.Errorf("%s: the HTML preloads %q and the module was fetched by %q; want it preloaded and fetched by the preload: %v",
						module, f.ModulePreloads, f.Initiators[url], !later)
				}
			}
			if len(f.ModulePreloads) != len(c.modules)-len(c.later) {
				t.Errorf("the HTML preloads %q; want the page's modules but those it needs later", f.ModulePreloads)
			}
			var inline, compiled float64
			for _, m := range f.Marks["gowasm:ready"] {
				if m.Mode == "inline" {
					inline = m.T
				}
			}
			if inline > 0 && f.FirstResult < inline {
				t.Errorf("first-result (%.0f ms) before the inline module was ready (%.0f ms)", f.FirstResult, inline)
			}
			for _, m := range f.Marks["gowasm:compiled"] {
				compiled = max(compiled, m.T)
			}
			if f.FirstResult < compiled && len(c.modules) == 1 {
				t.Errorf("first-result (%.0f ms) before the module compiled (%.0f ms)", f.FirstResult, compiled)
			}
			if len(f.Preloads) == 0 {
				t.Errorf("the HTML preloads no module chunks")
			}
			for _, href := range f.Preloads {
				if f.Fetches[href] != 1 {
					t.Errorf("%s, preloaded by the HTML, was fetched %d times", href, f.Fetches[href])
				}
			}
			for url, n := range maps.All(f.Fetches) {
				if n != 1 && strings.HasSuffix(url, ".wasm") {
					t.Errorf("%s fetched %d times", url, n)
				}
			}
			p.noProblems(c.path)

			// A second visit, when the instance the entry starts is often
			// ready before the page mounts: the page still marks its result.
			p.run(time.Minute, chromedp.Navigate("about:blank"), chromedp.Navigate(p.base+c.path))
			p.wait(`performance.getEntriesByName('first-result').length > 0`, 30*time.Second)
			p.wait(c.result, 10*time.Second)
		})
	}
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// onNewDocument runs script in every document the tab opens from now on,
// before the document's own scripts.
func onNewDocument(script string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(script).Do(ctx)
		return err
	})
}

// registerTimeScript records when the page registers a service worker.
const registerTimeScript = `if (typeof ServiceWorkerContainer === 'function') {
	const register = ServiceWorkerContainer.prototype.register;
	ServiceWorkerContainer.prototype.register = function (...args) {
		window.registeredAt ??= performance.now();
		return register.apply(this, args);
	};
}`

// registeredAfterFirstResult waits for the page, opened after
// onNewDocument(registerTimeScript), to register a service worker, and
// fails the test unless it did so after its first-result mark.
func (p *tab) registeredAfterFirstResult(worker string) {
	p.t.Helper()
	p.wait(`window.registeredAt !== undefined`, 30*time.Second)
	var order struct{ Registered, FirstResult float64 }
	p.eval(`({ Registered: window.registeredAt, FirstResult: performance.getEntriesByName('first-result')[0].startTime })`, &order)
	if order.Registered < order.FirstResult {
		p.t.Errorf("%s was registered %.0f ms after navigation, before the first result (%.0f ms)", worker, order.Registered, order.FirstResult)
	}
}

// TestServiceWorker checks the app's service worker (app/web/public/sw.js)
// as a returning user meets it: registered under its build's URL once the
// first visit has shown its first result, it has cached every script of
// the build, the next visit's scripts come from that cache through its
// static route, and a page whose script is missing from the cache still
// works (the route falls through to the network, here the HTTP cache),
// and after go-app's service worker has deleted the cache, the next visit
// fills it again.
func TestServiceWorker(t *testing.T) {
	p := newTab(t)
	p.run(time.Minute,
		onNewDocument(registerTimeScript), chromedp.Navigate(p.base+"/hash"))
	p.wait(`performance.getEntriesByName('first-result').length > 0`, time.Minute)
	// Installing the worker compiles every script of the build: it must
	// not compete with the first visit's start-up.
	p.registeredAfterFirstResult("the service worker")
	var sw struct {
		Script, Entry string
		Caches        map[string][]string
	}
	p.eval(`(async () => {
		const registration = await navigator.serviceWorker.ready;
		const caches_ = {};
		for (const name of await caches.keys()) {
			caches_[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
		}
		return {
			Script: new URL(registration.active.scriptURL).pathname + new URL(registration.active.scriptURL).search,
			Entry: new URL(document.querySelector('script[type=module][src*="/main-"]').src).pathname,
			Caches: caches_,
		};
	})()`, &sw)
	build := strings.TrimSuffix(strings.TrimPrefix(sw.Entry, "/assets/"), ".js")
	if sw.Script != "/sw.js?build="+build {
		t.Errorf("the service worker runs %s, want /sw.js?build=%s (the entry %s)", sw.Script, build, sw.Entry)
	}
	var want []string
	for _, a := range harness.ReadManifest(t, harness.Site(t)).Assets {
		if strings.HasPrefix(a.Path, "assets/") && strings.HasSuffix(a.Path, ".js") {
			want = append(want, "/"+a.Path)
		}
	}
	if got := sw.Caches["gowasm-scripts-"+build]; len(want) == 0 || !sameSet(got, want) || len(sw.Caches) != 1 {
		t.Errorf("caches %v; want one, gowasm-scripts-%s, holding the build's %d scripts", sw.Caches, build, len(want))
	}

	// The next visit: every script from the cache; then one missing from it.
	sources := `performance.getEntriesByType('resource').filter((r) => /\/assets\/.*\.js$/.test(r.name)).map((r) => new URL(r.name).pathname + ' ' + r.workerMatchedSourceType + ' ' + r.transferSize)`
	var served []string
	p.run(time.Minute, chromedp.Navigate("about:blank"), chromedp.Navigate(p.base+"/hash"))
	p.wait(`performance.getEntriesByName('first-result').length > 0`, time.Minute)
	p.eval(sources, &served)
	if len(served) == 0 {
		t.Fatal("the second visit loaded no script")
	}
	for _, s := range served {
		if !strings.HasSuffix(s, " cache 0") {
			t.Errorf("second visit: %s, want it served from the cache (workerMatchedSourceType cache, nothing transferred)", s)
		}
	}
	var dropped string
	p.eval(`(async () => {
		const cache = await caches.open('gowasm-scripts-`+build+`');
		const page = (await cache.keys()).map((r) => r.url).find((u) => performance.getEntriesByName(u).length > 0 && !u.includes('/main-'));
		await cache.delete(page);
		return new URL(page).pathname;
	})()`, &dropped)
	p.run(time.Minute, chromedp.Navigate("about:blank"), chromedp.Navigate(p.base+"/hash"))
	p.wait(`performance.getEntriesByName('first-result').length > 0`, time.Minute)
	p.eval(sources, &served)
	if !slices.ContainsFunc(served, func(s string) bool { return strings.HasPrefix(s, dropped+" ") }) {
		t.Errorf("third visit: %s, dropped from the cache, was not loaded: %q", dropped, served)
	}

	// go-app's service worker deletes the caches it does not own when it
	// activates: the next visit of the React app asks for the scripts again.
	// A first visit of /goapp/ under the app's own worker (its scope /
	// covers /goapp/ too) came from the network: go-app's worker
	// installing then is no update, and the page must not reload.
	p.open("/goapp/", "The tools in pure Go")
	p.eval(`window.firstVisit = true`, nil)
	var reloaded bool
	p.eval(`(async () => {
		for (;;) {
			const registration = await navigator.serviceWorker.getRegistration(location.href);
			if (registration?.scope.endsWith('/goapp/') && registration.active?.state === 'activated') break;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		// go-app reported the install as an update before its worker activated.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		return window.firstVisit !== true;
	})()`, &reloaded)
	if reloaded {
		t.Error("/goapp/ reloaded itself on a first visit, when go-app's worker installed")
	}
	p.run(time.Minute, chromedp.Navigate(p.base+"/hash"))
	p.wait(`performance.getEntriesByName('first-result').length > 0`, time.Minute)
	// caches.has first: caches.open would create the cache, empty.
	p.wait(`caches.has('gowasm-scripts-`+build+`').then((has) => has && caches.open('gowasm-scripts-`+build+`').then((c) => c.keys()).then((k) => k.length === `+strconv.Itoa(len(want))+`))`, time.Minute)
	p.noProblems("/hash with its service worker")
}

// firstCommitScript runs before the page's own scripts and records, when
// a page's lead paragraph first appears (the page's first commit), what
// else that commit showed: the statistics table or the drawn preview.
const firstCommitScript = `new MutationObserver((_, observer) => {
	if (document.querySelector('main .lead') === null) return;
	observer.disconnect();
	window.firstCommit = {
		table: document.querySelector('table.stats tbody tr') !== null,
		preview: document.querySelector('.preview canvas')?.dataset.drawn === 'true',
	};
}).observe(document, { childList: true, subtree: true });`

// TestFirstRender checks that the entry starts a page's sample beside its
// module (routes.js), and that the page's first render shows its first
// result when both are ready by then, as on a second visit: the
// statistics of the sample CSV, the preview of the sample photo. The
// scripts the entry imports dynamically (React, the page) are held back
// until the inline instance is ready and the sample has arrived, so the
// order a fast visit usually has is certain here.
func TestFirstRender(t *testing.T) {
	for _, c := range []struct {
		path, sample string
		shown        string // the firstCommit field that must be true
	}{
		{"/data", "/samples/weather.csv", "table"},
		{"/image", "/samples/landscape-preview.jpg", "preview"},
	} {
		t.Run(strings.Trim(c.path, "/"), func(t *testing.T) {
			p := newTab(t)
			entry := entryScripts(t, p.base+c.path)
			hold := p.holdBack([]string{"*/assets/*.js"}, func(u *url.URL) bool { return !entry[u.Path] })
			p.run(time.Minute, onNewDocument(firstCommitScript))
			p.navigate(c.path)
			// Only the entry runs: its preload and its sample must get
			// there without the page's code.
			for _, want := range []struct{ what, expr string }{
				{"the inline instance", `performance.getEntriesByName('gowasm:ready').some((m) => m.detail.mode === 'inline')`},
				{c.sample, `performance.getEntriesByType('resource').some((r) => new URL(r.name).pathname === '` + c.sample + `' && r.responseEnd > 0)`},
			} {
				ctx, cancel := context.WithTimeout(p.b.Ctx, 30*time.Second)
				err := chromedp.Run(ctx, chromedp.Poll(want.expr, nil, chromedp.WithPollingInterval(50*time.Millisecond)))
				cancel()
				if err != nil {
					t.Fatalf("the entry did not get %s ready without the page's code: %v\n%s", want.what, err, strings.Join(p.b.Console(), "\n"))
				}
			}
			time.Sleep(time.Second) // the response's body read, the photo's thumbnail decoded
			if held, _ := hold.release(); held == 0 {
				t.Error("no script was held back: the page's code loaded with the entry")
			}
			p.wait(`performance.getEntriesByName('first-result').length > 0`, time.Minute)
			var first map[string]bool
			p.eval(`window.firstCommit`, &first)
			if !first[c.shown] {
				t.Errorf("the page's first render showed %v: want its %s, since the sample and the instance were ready before its code ran", first, c.shown)
			}
			p.noProblems(c.path)
		})
	}
}

// entryScripts are the scripts the HTML at url names (the entry, the
// chunks it preloads, wasm_exec.js), by path.
func entryScripts(t *testing.T, url string) map[string]bool {
	t.Helper()
	scripts := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?:src|href)="(/assets/[^"]+\.js)"`).FindAllStringSubmatch(harness.Body(t, url), -1) {
		scripts[m[1]] = true
	}
	if len(scripts) < 2 {
		t.Fatalf("%s names %d scripts: %v", url, len(scripts), scripts)
	}
	return scripts
}

// TestLaterDownloads checks that what a page needs only after its first
// result downloads once the module on its main thread has started: the
// Vue page's data tool module (vue/main.js), the image studio's photo
// (it opens with a preview-sized copy). The first module's download is
// held back, with CDP Fetch, until the page has long rendered, and the
// later download may not be asked for meanwhile. Released, both come.
func TestLaterDownloads(t *testing.T) {
	for _, c := range []struct {
		path, first, later string // first, later: parts of URLs
		done               string // true once the later download is in use
	}{
		{"/vue/", "/assets/hashing-", "/assets/tabular-", `document.querySelectorAll('.module.ready').length === 2`},
		{"/image", "/assets/imaging-", "/samples/landscape.jpg", `document.querySelector('.compare figure canvas[aria-label$="1600 × 1067 pixels"]') !== null`},
	} {
		t.Run(strings.Trim(c.path, "/"), func(t *testing.T) {
			p := newTab(t)
			hold := p.holdBack([]string{"*/assets/*.wasm", "*/samples/*"}, func(u *url.URL) bool { return strings.Contains(u.String(), c.first) })
			p.navigate(c.path)
			p.wait(`document.querySelector('main h1') !== null`, time.Minute)
			time.Sleep(2 * time.Second) // long enough for a download the page started at once to be asked for
			p.screenshots(strings.Trim(c.path, "/") + "-waiting")
			held, passed := hold.release()
			if held == 0 {
				t.Errorf("no request for %s came", c.first)
			}
			if early := slices.DeleteFunc(passed, func(u string) bool { return !strings.Contains(u, c.later) }); len(early) > 0 {
				t.Errorf("%q was requested while %s was still downloading", early, c.first)
			}
			p.wait(c.done, time.Minute)
			p.noProblems(c.path)
		})
	}
}

// holdBack holds back, with CDP Fetch, the requests that match patterns
// and that hold picks, until release; the others go on at once, and are
// recorded. Enable it before navigating (tab.navigate).
func (p *tab) holdBack(patterns []string, hold func(*url.URL) bool) *heldRequests {
	h := &heldRequests{p: p}
	chromedp.ListenTarget(p.b.Ctx, func(ev any) {
		paused, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		h.mu.Lock()
		defer h.mu.Unlock()
		if u, err := url.Parse(paused.Request.URL); err == nil && !h.released && hold(u) {
			h.held = append(h.held, paused.RequestID)
			return
		}
		if !h.released {
			h.passed = append(h.passed, paused.Request.URL)
		}
		go chromedp.Run(p.b.Ctx, fetch.ContinueRequest(paused.RequestID))
	})
	var list []*fetch.RequestPattern
	for _, pattern := range patterns {
		list = append(list, &fetch.RequestPattern{URLPattern: pattern})
	}
	p.run(time.Minute, fetch.Enable().WithPatterns(list))
	return h
}

// heldRequests is what holdBack holds and what it let through.
type heldRequests struct {
	p        *tab
	mu       sync.Mutex
	held     []fetch.RequestID
	passed   []string // URLs let through before release
	released bool
}

// release lets the held requests go, and every later one: it returns how
// many were held and the URLs let through meanwhile.
func (h *heldRequests) release() (held int, passed []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.released = true
	for _, id := range h.held {
		go chromedp.Run(h.p.b.Ctx, fetch.ContinueRequest(id))
	}
	return len(h.held), h.passed
}

// navigate opens path without waiting for the load event, which a
// request held back (holdBack) may delay.
func (p *tab) navigate(path string) {
	p.t.Helper()
	p.run(time.Minute, chromedp.ActionFunc(func(ctx context.Context) error {
		_, _, _, _, err := page.Navigate(p.base + path).Do(ctx)
		return err
	}))
}
