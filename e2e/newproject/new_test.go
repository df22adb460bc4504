// Package newproject tests `gowasm new`: from nothing to a React page
// that renders a Go result, through the new project's own Makefile.
package newproject

import (
	"os"
	"os/exec"
	"path/filepath"
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
	oracle := filepath.Join(dir, "cmd", "oracle")
	os.MkdirAll(oracle, 0o755)
	os.WriteFile(filepath.Join(oracle, "main.go"), []byte(`package main

import (
	"fmt"

	"example.com/hello-app/greet"
)

func main() {
	fib, _ := greet.Fib(50)
	fmt.Printf("%s\n%d\n", greet.Greet("gowasm"), fib)
}
`), 0o644)
	want := strings.Split(strings.TrimSpace(run(t, dir, "go", "run", "./cmd/oracle")), "\n")

	url := harness.Serve(t, map[string]string{"/": filepath.Join(dir, "dist")})
	browser := harness.NewBrowser(t)
	var greeting, fib string
	err := chromedp.Run(browser.Ctx,
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
}
