package fuzz

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// A runner calls the bridge in one environment and mode: a batch of
// calls in, their outcomes out.
type runner interface {
	// run runs calls in order; an error means the environment crashed or
	// hung, and the runner is unusable.
	run(calls []Call, withSource bool, timeout time.Duration) (*batchResult, error)
	close()
}

// batchResult is what js/fuzz.js's runBatch returns.
type batchResult struct {
	Outcomes []Outcome `json:"outcomes"`
	Memory   float64   `json:"memory"`
	Escaped  []string  `json:"escaped"`
}

type batch struct {
	Calls  []callWithSource `json:"calls"`
	Source bool             `json:"-"`
}

type callWithSource struct {
	Call
	Source bool `json:"source,omitempty"`
}

func batchJSON(calls []Call, withSource bool) []byte {
	b := batch{}
	for _, c := range calls {
		b.Calls = append(b.Calls, callWithSource{c, withSource})
	}
	data, err := json.Marshal(b)
	if err != nil {
		panic(err)
	}
	return data
}

// config is an environment and a mode.
type config struct {
	env, mode string
}

func (c config) String() string { return c.env + "/" + c.mode }

func (c config) remote() bool { return c.mode != "inline" }

// workers is the pool size: the machine's two cores.
const workers = 2

var configs = []config{
	{"node", "inline"}, {"node", "worker"}, {"node", "pool"},
	{"chromium", "inline"}, {"chromium", "worker"}, {"chromium", "pool"},
}

func startRunner(t *testing.T, c config, m harness.Module) (runner, error) {
	if c.env == "node" {
		return startNode(t, c, m)
	}
	return startChromium(t, c, m)
}

// ---- Node ---------------------------------------------------------------

type nodeRunner struct {
	cmd    *exec.Cmd
	stdin  *os.File
	lines  chan []byte
	stderr *strings.Builder
}

func startNode(t *testing.T, c config, m harness.Module) (runner, error) {
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", "js/node.mjs", harness.WasmExec(t), filepath.Join(harness.Root(), "web/bridge/index.js"),
		m.Binding, m.Wasm, c.mode, strconv.Itoa(workers))
	cmd.Stdin = inR
	cmd.ExtraFiles = []*os.File{outW} // file descriptor 3
	stderr := &strings.Builder{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	inR.Close()
	outW.Close()
	r := &nodeRunner{cmd: cmd, stdin: inW, lines: make(chan []byte, 1), stderr: stderr}
	go func() {
		defer close(r.lines)
		br := bufio.NewReaderSize(outR, 1<<20)
		for {
			line, err := br.ReadBytes('\n')
			if err != nil {
				return
			}
			r.lines <- line
		}
	}()
	if _, err := r.next(2 * time.Minute); err != nil {
		r.close()
		return nil, fmt.Errorf("node did not start: %w", err)
	}
	return r, nil
}

func (r *nodeRunner) next(timeout time.Duration) ([]byte, error) {
	select {
	case line, ok := <-r.lines:
		if !ok {
			r.cmd.Wait()
			return nil, fmt.Errorf("node exited (%v); stderr:\n%s", r.cmd.ProcessState, tail(r.stderr.String()))
		}
		return line, nil
	case <-time.After(timeout):
		return nil, fmt.Errorf("no answer within %v (a hang); stderr:\n%s", timeout, tail(r.stderr.String()))
	}
}

func (r *nodeRunner) run(calls []Call, withSource bool, timeout time.Duration) (*batchResult, error) {
	if _, err := r.stdin.Write(append(batchJSON(calls, withSource), '\n')); err != nil {
		return nil, fmt.Errorf("writing to node: %w; stderr:\n%s", err, tail(r.stderr.String()))
	}
	line, err := r.next(timeout)
	if err != nil {
		return nil, err
	}
	var res batchResult
	if err := json.Unmarshal(line, &res); err != nil {
		return nil, fmt.Errorf("node's answer: %w", err)
	}
	return &res, nil
}

func (r *nodeRunner) close() {
	r.stdin.Close()
	r.cmd.Process.Kill()
	r.cmd.Wait()
}

func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}

// ---- Chromium -----------------------------------------------------------

type chromiumRunner struct {
	browser *harness.Browser
}

func startChromium(t *testing.T, c config, m harness.Module) (runner, error) {
	// Cross-origin isolated, so that SharedArrayBuffer exists as in Node.
	url := harness.ServeIsolated(t, m.Routes(t, map[string]string{"/{$}": "js/index.html", "/fuzz/": "js"}))
	browser, err := harness.StartBrowser()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(browser.Ctx, 2*time.Minute)
	defer cancel()
	var ready bool
	err = chromedp.Run(ctx,
		chromedp.Navigate(fmt.Sprintf("%s/?mode=%s&workers=%d", url, c.mode, workers)),
		chromedp.Evaluate(`globalThis.fuzz.then(() => true)`, &ready, awaitPromise),
	)
	if err != nil {
		browser.Close()
		return nil, fmt.Errorf("loading the fuzz page: %w\nconsole:\n%s", err, strings.Join(browser.Console(), "\n"))
	}
	return &chromiumRunner{browser: browser}, nil
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

func (r *chromiumRunner) run(calls []Call, withSource bool, timeout time.Duration) (*batchResult, error) {
	ctx, cancel := context.WithTimeout(r.browser.Ctx, timeout)
	defer cancel()
	var out string
	// The batch as a string for JSON.parse: a deeply nested object literal
	// would overflow the JavaScript parser's stack.
	literal, err := json.Marshal(string(batchJSON(calls, withSource)))
	if err != nil {
		return nil, err
	}
	expr := "globalThis.fuzz.then((f) => f.run(JSON.parse(" + string(literal) + ")))"
	if err := chromedp.Run(ctx, chromedp.Evaluate(expr, &out, awaitPromise)); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			err = fmt.Errorf("no answer within %v (a hang): %w", timeout, err)
		}
		return nil, fmt.Errorf("%w\nconsole:\n%s", err, tail(strings.Join(r.browser.Console(), "\n")))
	}
	var res batchResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		return nil, fmt.Errorf("the page's answer: %w", err)
	}
	return &res, nil
}

func (r *chromiumRunner) close() { r.browser.Close() }
