// Package newproject tests `gowasm new`: from nothing to a React page
// that renders a Go result, through the new project's own Makefile.
package newproject

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

func run(t *testing.T, dir string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestNewProject(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hello-app")
	run(t, harness.Root(), "go", "run", "./tools/cmd/gowasm", "new", dir)

	// The project's own commands: its Go tests, and its production build
	// (npm install of React and the vendored bridge, then gowasm build).
	run(t, dir, "make", "test")
	build := run(t, dir, "make", "build")
	if !strings.Contains(build, "largest Go packages") {
		t.Errorf("make build printed no size table:\n%s", build)
	}

	// The oracle: the project's Go functions called natively.
	want := oracle(t, dir, "example.com/hello-app")
	checkPage(t, harness.Serve(t, map[string]string{"/": filepath.Join(dir, "dist")}), want, true, "default")

	// gowasm preview, run in the project: the production nginx config
	// ships with the CLI.
	checkPage(t, preview(t, dir), want, true, "default-preview")
}

// oracle returns what the project's greet package answers natively.
func oracle(t *testing.T, dir, module string) []string {
	oracle := filepath.Join(dir, "cmd", "oracle")
	os.MkdirAll(oracle, 0o755)
	os.WriteFile(filepath.Join(oracle, "main.go"), []byte(`package main

import (
	"fmt"

	"`+module+`/greet"
)

func main() {
	fib, _ := greet.Fib(50)
	fmt.Printf("%s\n%d\n", greet.Greet("gowasm"), fib)
}
`), 0o644)
	defer os.RemoveAll(filepath.Join(dir, "cmd"))
	return strings.Split(strings.TrimSpace(run(t, dir, "go", "run", "./cmd/oracle")), "\n")
}

// preview runs `go tool gowasm preview` in the project until the test
// ends, and returns its URL.
func preview(t *testing.T, dir string) string {
	url, resp := start(t, dir, func(addr string) []string { return []string{"go", "tool", "gowasm", "preview", "-addr", addr} })
	if resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("gowasm preview sends no Content-Security-Policy: not the production config")
	}
	return url
}

// start runs the server command(addr) in dir on a free port until the
// test ends, and returns its URL and its first answer.
func start(t *testing.T, dir string, command func(addr string) []string) (string, *http.Response) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	args := command(addr)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	logs := new(harness.SyncBuffer)
	cmd.Stdout, cmd.Stderr = logs, logs
	harness.Start(t, cmd)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get("http://" + addr + "/")
		if err == nil {
			resp.Body.Close()
			return "http://" + addr, resp
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not serve on %s:\n%s", strings.Join(args, " "), addr, logs.String())
		}
	}
}

// checkPage opens the project's page at url and compares its greeting and
// fib(50) with want, native Go's; with wantPreload (a page gowasm build
// wrote), the page's HTML started the module's one download.
func checkPage(t *testing.T, url string, want []string, wantPreload bool, screenshot string) {
	t.Helper()
	browser := harness.NewBrowser(t)
	ctx, cancel := context.WithTimeout(browser.Ctx, time.Minute)
	defer cancel()
	var greeting, fib string
	err := chromedp.Run(ctx,
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible("#greeting", chromedp.ByQuery),
		chromedp.Text("#greeting", &greeting, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('fib').textContent !== ''`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Text("#fib", &fib, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatalf("rendering the new project: %v\nconsole:\n%s", err, strings.Join(browser.Console(), "\n"))
	}
	if greeting != want[0] || fib != want[1] {
		t.Errorf("the React page shows %q and fib(50) = %q; native Go gives %q and %q", greeting, fib, want[0], want[1])
	}
	// gowasm build's page: the module downloads once, started by the
	// HTML's preload ({{preload}}), which the bridge's fetch used.
	if wantPreload {
		var preloads harness.WasmPreloads
		if err := chromedp.Run(ctx, chromedp.Evaluate(harness.WasmPreloadsScript, &preloads)); err != nil {
			t.Fatal(err)
		}
		if err := preloads.CheckOne(); err != nil {
			t.Errorf("the new project's page: %v", err)
		}
	}
	browser.Screenshot(t, "newproject/"+screenshot)
}

func TestNewViteReactProject(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vite-app")
	run(t, harness.Root(), "go", "run", "./tools/cmd/gowasm", "new", "-template", "vite-react", dir)
	run(t, dir, "go", "test", "./...")
	run(t, dir, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
	build := run(t, dir, "npm", "run", "build") // vite build, then tsc under strict
	for _, line := range strings.Split(build, "\n") {
		if regexp.MustCompile(`(?i)warn|\(!\)|externalized|error`).MatchString(line) {
			t.Errorf("npm run build printed: %s", line)
		}
	}
	want := oracle(t, dir, "example.com/vite-app")
	checkPage(t, preview(t, dir), want, false, "vite-react")

	// npm run dev: Vite's dev server, the module built by @gowasm/vite.
	dev, _ := start(t, dir, func(addr string) []string {
		host, port, _ := net.SplitHostPort(addr)
		return []string{"npm", "run", "dev", "--", "--host", host, "--port", port, "--strictPort"}
	})
	checkPage(t, dev, want, false, "vite-react-dev")
}

// TestNewGoAppProject: `gowasm new -template goapp` writes a go-app
// project whose make test and make build pass, and whose Go page, served
// by gowasm preview (the production nginx config), shows what its Go
// code computes natively, within its size budget.
func TestNewGoAppProject(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "go-ui")
	run(t, harness.Root(), "go", "run", "./tools/cmd/gowasm", "new", "-template", "goapp", dir)
	run(t, dir, "make", "test")
	build := run(t, dir, "make", "build")
	if !strings.Contains(build, "goapp/web/app.wasm") || !strings.Contains(build, "largest Go packages") {
		t.Errorf("make build printed no size table with the go-app module:\n%s", build)
	}
	want := oracle(t, dir, "example.com/go-ui")

	url := preview(t, dir)
	browser := harness.NewBrowser(t)
	ctx, cancel := context.WithTimeout(browser.Ctx, time.Minute)
	defer cancel()
	var greeting, fib string
	var preloads harness.WasmPreloads
	err := chromedp.Run(ctx,
		chromedp.Navigate(url+"/goapp/"),
		// go-app removes its loader once the wasm runs the page.
		chromedp.Poll(`document.getElementById('app-wasm-loader') === null && document.getElementById('fib')?.textContent !== ''`, nil,
			chromedp.WithPollingTimeout(time.Minute)),
		chromedp.Evaluate(`document.getElementById('greeting').textContent`, &greeting),
		chromedp.Evaluate(`document.getElementById('fib').textContent`, &fib),
		chromedp.Evaluate(harness.WasmPreloadsScript, &preloads),
	)
	if err != nil {
		t.Fatalf("rendering the go-app page: %v\nconsole:\n%s", err, strings.Join(browser.Console(), "\n"))
	}
	if greeting != want[0] || fib != want[1] {
		t.Errorf("the go-app page shows %q and fib(50) = %q; native Go gives %q and %q", greeting, fib, want[0], want[1])
	}
	// Its HTML starts the module's download, which go-app's loader takes over.
	if err := preloads.CheckOne(); err != nil {
		t.Errorf("the go-app page: %v", err)
	}
	if problems := browser.Problems(); len(problems) > 0 {
		t.Errorf("the go-app page reported problems:\n%s", strings.Join(problems, "\n"))
	}
	browser.Screenshot(t, "newproject/goapp")
}
