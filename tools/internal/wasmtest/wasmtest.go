// Package wasmtest runs the js/wasm test binary of a Go package inside
// headless Chromium, the way `wasm-pack test --headless` does for Rust:
// the tests see a real browser (document, fetch, WebAssembly limits), and
// their output streams back as they run.
package wasmtest

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/internal/chromium"
)

//go:embed runner.html
var runnerHTML []byte

// binding is the function the page calls with each piece of output.
const binding = "gowasmTestOutput"

// ErrBuildFailed is returned when the test binary does not compile.
var ErrBuildFailed = errors.New("build failed")

// Run compiles the tests of pkg (resolved in dir) for js/wasm, runs them
// in headless Chromium with args (e.g. -test.v), copies their standard
// output and error to stdout and stderr as they arrive, and returns the
// test binary's exit code.
func Run(ctx context.Context, dir, pkg string, args []string, stdout, stderr io.Writer) (int, error) {
	tmp, err := os.MkdirTemp("", "gowasm-test-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	wasm := filepath.Join(tmp, "test.wasm")
	build := exec.CommandContext(ctx, "go", "test", "-c", "-o", wasm, pkg)
	build.Dir = dir
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		stderr.Write(out)
		return 0, fmt.Errorf("%s: %w", pkg, ErrBuildFailed)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return 0, err
	}
	argv, _ := json.Marshal(append([]string{filepath.Base(pkg) + ".test"}, args...))

	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(runnerHTML)
	})
	mux.HandleFunc("/args.json", func(w http.ResponseWriter, r *http.Request) { w.Write(argv) })
	mux.HandleFunc("/wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	})
	mux.HandleFunc("/test.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		http.ServeFile(w, r, wasm)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	defer srv.Close()

	browser, stop, err := chromium.Start(ctx)
	if err != nil {
		return 0, err
	}
	defer stop()
	exit := make(chan int, 1)
	crashed := make(chan string, 1)
	chromedp.ListenTarget(browser, func(ev any) {
		if _, ok := ev.(*inspector.EventTargetCrashed); ok {
			select {
			case crashed <- "the browser tab crashed (out of memory?)":
			default:
			}
			return
		}
		e, ok := ev.(*runtime.EventBindingCalled)
		if !ok || e.Name != binding {
			return
		}
		var msg struct {
			FD   int    `json:"fd"`
			Text string `json:"text"`
			Exit *int   `json:"exit"`
		}
		if json.Unmarshal([]byte(e.Payload), &msg) != nil {
			return
		}
		switch {
		case msg.Exit != nil:
			exit <- *msg.Exit
		case msg.FD == 2:
			io.WriteString(stderr, msg.Text)
		default:
			io.WriteString(stdout, msg.Text)
		}
	})
	if err := chromedp.Run(browser,
		runtime.AddBinding(binding),
		chromedp.Navigate("http://"+ln.Addr().String()+"/"),
	); err != nil {
		return 0, err
	}
	select {
	case code := <-exit:
		return code, nil
	case why := <-crashed:
		return 0, fmt.Errorf("%s: %s", pkg, why)
	case <-ctx.Done():
		return 0, fmt.Errorf("%s: %w", pkg, ctx.Err())
	}
}
