package app

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// TestGoApp walks the page written in pure Go (go-app, app/goapp): it
// renders under the CSP with no console error, downloads its module
// once, by the HTML's preload, registers its service worker only once
// Go has shown its first result, hashing files gives crypto/*'s
// digests, typing a CSV updates the statistics without a reload, a deep
// link shows the page, and once its service worker has cached it, it
// loads and works with the network gone.
func TestGoApp(t *testing.T) {
	p := newTab(t)
	p.run(time.Minute, onNewDocument(registerTimeScript))
	p.open("/goapp/", "The tools in pure Go")
	// go-app removes its loader once the wasm runs the page.
	p.wait(`document.getElementById('app-wasm-loader') === null`, time.Minute)
	// The HTML's preload started the module's download, and go-app's
	// loader took that download over: one fetch, by the link.
	var preloads harness.WasmPreloads
	p.eval(harness.WasmPreloadsScript, &preloads)
	if err := preloads.CheckOne(); err != nil {
		t.Errorf("/goapp/: %v", err)
	}

	dir := t.TempDir()
	data := []byte(strings.Repeat("go-app and gowasm ", 200000))
	p.upload(`#goapp-files`, writeFile(t, dir, "a.txt", data), writeFile(t, dir, "empty.txt", nil))
	p.wait(`document.querySelectorAll('.job[data-state=done]').length === 2`, time.Minute)
	for name, content := range map[string][]byte{"a.txt": data, "empty.txt": nil} {
		s256, s512 := sha256.Sum256(content), sha512.Sum512(content)
		for algorithm, want := range map[string]string{"sha256": hex.EncodeToString(s256[:]), "sha512": hex.EncodeToString(s512[:])} {
			got := p.digest(name, algorithm)
			if got != want {
				t.Errorf("go-app: %s %s = %q, crypto/%s %q", name, algorithm, got, algorithm, want)
			}
		}
	}

	// Typing updates the results, with no reload: a marker on window stays.
	csv, table := sampleTable(t)
	// The page opens with a sample analyzed by Go, its first result.
	p.wait(`document.querySelector('table.stats') !== null && performance.getEntriesByName('first-result').length > 0`, 30*time.Second)
	// gowasm build defers go-app's service worker, whose install fetches
	// app.wasm again, until Go has started.
	p.registeredAfterFirstResult("go-app's service worker")
	p.eval(`window.stayed = true`, nil)
	p.set(`#goapp-csv`, csv)
	p.wait(fmt.Sprintf(`document.querySelectorAll('table.stats tbody tr').length === %d`, len(table.Columns)), 30*time.Second)
	checkStats(t, p, table)
	p.set(`#goapp-csv`, "a,b\n1,2\n3")
	p.wait(`document.querySelector('#main [role=alert]')?.textContent.includes('line')`, 30*time.Second)
	var stayed bool
	p.eval(`window.stayed === true`, &stayed)
	if !stayed {
		t.Error("typing reloaded the page")
	}
	p.screenshots("goapp")
	p.labelled("/goapp/")

	// Installable: Chromium finds nothing missing for a web app install
	// (manifest, icons, service worker).
	for _, e := range p.installabilityErrors() {
		t.Errorf("/goapp/ is not installable: %s %v", e.ErrorID, e.ErrorArguments)
	}
	// The check is not blind: the React pages' manifest has no icons.
	p.open("/", "Go in your browser")
	if len(p.installabilityErrors()) == 0 {
		t.Error("Chromium finds the React app, whose manifest has no icons, installable: the check above proves nothing")
	}

	// A deep link under /goapp/ and a reload show the page, once go-app
	// has rendered it (its not-found page would replace the heading).
	for _, path := range []string{"/goapp/some/deep/link", "/goapp/some/deep/link"} {
		p.open(path, "The tools in pure Go")
		p.wait(`document.getElementById('app-wasm-loader') === null`, time.Minute)
		if got := p.text(`main > h1`); got != "The tools in pure Go" {
			t.Errorf("%s: go-app rendered %q", path, got)
		}
	}
	p.noProblems("/goapp/")

	// Offline: once go-app's service worker has cached the page, it loads
	// and its tools work with the server gone. (Its cache holds /goapp/,
	// not every deep link: go-app's worker has no fallback for those.)
	p.open("/goapp/", "The tools in pure Go")
	p.goAppCached()
	p.nginx.Stop(t)
	var reached string
	p.eval(`fetch('/healthz?' + Math.random()).then(() => 'online', () => 'offline')`, &reached)
	if reached != "offline" {
		t.Fatalf("with nginx stopped, a fetch of /healthz was %s: the check below would prove nothing", reached)
	}
	p.run(time.Minute, chromedp.Reload(), chromedp.WaitReady(`main > h1`, chromedp.ByQuery))
	p.wait(`document.getElementById('app-wasm-loader') === null &&
		document.querySelector('main > h1')?.textContent === 'The tools in pure Go'`, time.Minute)
	p.set(`#goapp-csv`, "x,y\n1,2\n3,4\n")
	p.wait(`document.querySelector('tr[data-column="y"] td[data-stat="mean"]')?.dataset.value === '3'`, 30*time.Second)
}

// goAppCached waits until go-app's service worker has cached the page.
func (p *tab) goAppCached() {
	p.t.Helper()
	p.eval(`new Promise((resolve) => {
		const cached = async () => {
			for (const key of await caches.keys()) if (await (await caches.open(key)).match('/goapp/')) return true;
			return false;
		};
		const check = async () => ((await cached()) ? resolve(true) : setTimeout(check, 100));
		check();
	})`, nil)
}

// installabilityErrors is what Chromium says keeps the page from being
// installed as an app.
func (p *tab) installabilityErrors() []*page.InstallabilityError {
	p.t.Helper()
	var errs []*page.InstallabilityError
	p.run(30*time.Second, chromedp.ActionFunc(func(ctx context.Context) (err error) {
		errs, err = page.GetInstallabilityErrors().Do(ctx)
		return err
	}))
	return errs
}
