package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// TestGoAppUpdate: after a rebuild with a changed Go file, the next
// visit to the go-app page runs the new code, although its service
// worker serves the page from its cache: the new worker installs, and
// the page reloads into it.
func TestGoAppUpdate(t *testing.T) {
	root := harness.Root()
	pkg := filepath.Join(root, "build", "e2e", "goapp-update", "goapp")
	dist := filepath.Join(t.TempDir(), "dist")
	// A small page beside the go-app one, with the app's icons, which
	// go-app's service worker caches (a missing one fails its install).
	web := t.TempDir()
	for from, to := range map[string]string{
		"e2e/app/testdata/web/index.html": "index.html", "e2e/app/testdata/web/main.js": "main.js",
		"e2e/app/testdata/web/style.css": "style.css", "app/web/public/icon-192.png": "public/icon-192.png",
		"app/web/public/icon-512.png": "public/icon-512.png", "app/web/public/favicon.svg": "public/favicon.svg",
	} {
		data, err := os.ReadFile(filepath.Join(root, from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(web, to)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(web, to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func(heading string) {
		t.Helper()
		if err := os.RemoveAll(pkg); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(pkg, os.DirFS(filepath.Join(root, "app", "goapp"))); err != nil {
			t.Fatal(err)
		}
		tools := filepath.Join(pkg, "tools.go")
		src, err := os.ReadFile(tools)
		if err != nil {
			t.Fatal(err)
		}
		changed := strings.Replace(string(src), `app.H1().Text("The tools in pure Go")`, `app.H1().Text(`+"`"+heading+"`"+`)`, 1)
		if changed == string(src) {
			t.Fatal("app/goapp/tools.go no longer renders the heading this test changes")
		}
		if err := os.WriteFile(tools, []byte(changed), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("go", "run", "./tools/cmd/gowasm", "build", "-o", dist, "-work", "build/e2e/goapp-update/work",
			"-web", web, "-goapp", "./build/e2e/goapp-update/goapp", "./app/compute")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("gowasm build: %v\n%s", err, out)
		}
	}
	heading := func(want string) string {
		return `document.getElementById('app-wasm-loader') === null && document.querySelector('main > h1')?.textContent === '` + want + `'`
	}

	build("Version one")
	n := harness.StartNginx(t, dist)
	p := &tab{t: t, b: harness.NewBrowser(t), base: n.URL, nginx: n}
	p.run(time.Minute, chromedp.Navigate(n.URL+"/goapp/"))
	p.wait(heading("Version one"), time.Minute)
	p.goAppCached()

	build("Version two")
	p.run(time.Minute, chromedp.Navigate(n.URL+"/goapp/"))
	// The page reloads itself once the new worker installs: an evaluation
	// may meet the navigation, so errors only mean "not yet".
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		var updated bool
		ctx, cancel := context.WithTimeout(p.b.Ctx, 10*time.Second)
		err := chromedp.Run(ctx, chromedp.Evaluate(heading("Version two"), &updated))
		cancel()
		if err == nil && updated {
			break
		}
		if time.Now().After(deadline) {
			var h1 string
			chromedp.Run(p.b.Ctx, chromedp.Evaluate(`document.querySelector('main > h1')?.textContent ?? ''`, &h1))
			t.Fatalf("after the rebuild, the next visit still shows %q\n%s", h1, strings.Join(p.b.Console(), "\n"))
		}
	}
	p.noProblems("/goapp/ after an update")
}
