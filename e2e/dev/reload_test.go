// Package dev tests `gowasm serve` as a developer uses it: edits to Go
// and JS sources rebuild the app and reload a real Chromium tab, and a
// build error shows as an overlay until it is fixed.
package dev

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

const helloTemplate = `// Package hello is rewritten by the reload test.
package hello

// Greet greets name.
//
//gowasm:export
func Greet(name string) string { return GREETING + ", " + name }
`

func writeHello(t *testing.T, dir, greeting string) {
	t.Helper()
	src := strings.Replace(helloTemplate, "GREETING", greeting, 1)
	if err := os.WriteFile(filepath.Join(dir, "hello.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReload(t *testing.T) {
	root := harness.Root()
	// Under testdata, so `go test ./...` never sees the package; ignored by
	// git; unique, so that concurrent runs do not share it.
	parent := filepath.Join(root, "e2e/dev/testdata/work")
	os.MkdirAll(parent, 0o755)
	work, err := os.MkdirTemp(parent, "reload-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(work) })
	web, pkg := filepath.Join(work, "web"), filepath.Join(work, "hello")
	for _, dir := range []string{web, pkg} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"index.html", "main.js"} {
		data, _ := os.ReadFile(filepath.Join("testdata/site", f))
		os.WriteFile(filepath.Join(web, f), data, 0o644)
	}
	writeHello(t, pkg, `"hello"`)
	// A page of its own at /calc, which the build renders as it does index.html.
	os.MkdirAll(filepath.Join(web, "calc"), 0o755)
	os.WriteFile(filepath.Join(web, "calc", "index.html"), []byte(`<!doctype html><title>calc</title><p id="page">the calc page</p>`), 0o644)
	// And one whose name starts as go-app's does, which nginx serves as a
	// page of its own: only /goapp and what is under /goapp/ are go-app's.
	os.MkdirAll(filepath.Join(web, "goapps"), 0o755)
	os.WriteFile(filepath.Join(web, "goapps", "index.html"), []byte(`<!doctype html><title>goapps</title><p id="page">the goapps page</p>`), 0o644)

	// An output directory not named build: the watcher must skip it by
	// path, or each build would trigger the next one.
	srv := harness.StartServe(t, "-web", web, "-out", filepath.Join(work, "out"), "./"+strings.TrimPrefix(pkg, root+"/"))
	url, lines := srv.URL+"/", srv.Lines

	browser := harness.NewBrowser(t)
	if err := chromedp.Run(browser.Ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Minute)
		for {
			var ok bool
			// Errors while the page reloads are expected; keep polling.
			if err := chromedp.Run(browser.Ctx, chromedp.Evaluate(js, &ok)); err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s\nserver stderr:\n%s\nconsole:\n%s", what, srv.Stderr(), strings.Join(browser.Console(), "\n"))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	text := func(want string) string {
		return `document.getElementById('out')?.textContent === ` + jsString(want)
	}
	waitFor("the first build", text("hello, reload"))

	// As nginx.conf routes: /calc and /calc/ are its page, with the
	// live-reload client; another page route is index.html.
	for path, want := range map[string]string{"calc": "the calc page", "calc/": "the calc page", "goapps": "the goapps page", "some/route": `id="out"`} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(want)) || !bytes.Contains(body, []byte("/__gowasm/")) {
			t.Errorf("/%s: %d, want 200 with %q and the live-reload client:\n%s", path, resp.StatusCode, want, body)
		}
	}

	// A Go change rebuilds the wasm and reloads the page.
	writeHello(t, pkg, `"bonjour"`)
	waitFor("the reload after a Go change", text("bonjour, reload"))
	t.Logf("Go change: %s", rebuildLine(t, lines))

	// A compile error shows as an overlay naming the file and line.
	writeHello(t, pkg, `"unterminated`)
	waitFor("the error overlay", `(document.getElementById('gowasm-overlay')?.textContent ?? '').includes('hello.go:7:')`)

	// Fixing it reloads the page without the overlay.
	writeHello(t, pkg, `"hallo"`)
	waitFor("the reload after the fix", text("hallo, reload")+` && !document.getElementById('gowasm-overlay')`)

	// A JavaScript change reloads too.
	main, _ := os.ReadFile(filepath.Join(web, "main.js"))
	os.WriteFile(filepath.Join(web, "main.js"), bytes.Replace(main, []byte("api.greet('reload')"), []byte("api.greet('js')"), 1), 0o644)
	waitFor("the reload after a JS change", text("hallo, js"))

	// With nothing edited, nothing rebuilds.
	rebuildLine(t, lines)
	time.Sleep(3 * time.Second)
	if extra := rebuildLine(t, lines); extra != "" {
		t.Errorf("the server kept rebuilding with no edits: %s", extra)
	}
}

// rebuildLine drains the server's output up to its latest "rebuilt" line.
func rebuildLine(t *testing.T, lines <-chan string) string {
	var last string
	for {
		select {
		case line := <-lines:
			if strings.Contains(line, "rebuilt in") {
				last = line
			}
		default:
			return last
		}
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
