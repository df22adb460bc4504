// Package frameworks tests the React hook and the Vue composable of
// @gowasm/bridge in headless Chromium: a React page (under StrictMode)
// and a Vue page, each bundled by gowasm with esbuild's Go API from React
// and Vue as npm installed them, must show what crypto/sha256 computes
// natively, load each module once however many components use it, and
// terminate the worker when the last of them unmounts.
package frameworks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// TestReactHook serves the React page with `gowasm serve`: a development
// build, because React's StrictMode double-mounts only in development,
// and that double mount is what the hook must survive without loading
// twice.
func TestReactHook(t *testing.T) {
	srv := harness.StartServe(t, "-watch=false", "-web", "e2e/frameworks/react", "-out", "build/e2e/frameworks-react", "./app/compute")
	checkPage(t, srv.URL, true)
}

// TestVueComposable builds the Vue page with `gowasm build`, the
// production pipeline (minified bundle, Vue's production build).
func TestVueComposable(t *testing.T) {
	dist := filepath.Join(t.TempDir(), "dist")
	cmd := exec.Command("go", "run", "./tools/cmd/gowasm", "build",
		"-o", dist, "-web", "e2e/frameworks/vue", "-work", "build/e2e/frameworks-vue", "./app/compute")
	cmd.Dir = harness.Root()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gowasm build: %v\n%s", err, out)
	}
	checkPage(t, harness.Serve(t, map[string]string{"/": dist}), false)
}

type section struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	SHA      string `json:"sha"`
	Error    string `json:"error"`
	Progress string `json:"progress"`
}

type counts struct {
	WorkersCreated    int `json:"workersCreated"`
	WorkersTerminated int `json:"workersTerminated"`
	Mounts            int `json:"mounts"`
	Unmounts          int `json:"unmounts"`
	InlineAPIs        int `json:"inlineAPIs"`
	WorkerAPIs        int `json:"workerAPIs"`
}

// checkPage runs the steps of e2e/frameworks/probe.js on the page at base
// and checks each against what it must be.
func checkPage(t *testing.T, base string, strictMode bool) {
	text := fmt.Sprintf("gowasm ✓ %d: 世界 😀", time.Now().UnixNano())
	sum := sha256.Sum256([]byte(text))
	want := hex.EncodeToString(sum[:]) // the oracle: Go's crypto/sha256, natively

	browser := harness.NewBrowser(t)
	var raw string
	browser.EvalPage(t, base+"/?text="+url.QueryEscape(text), `(async () => {
		while (!window.e2e) await new Promise((r) => setTimeout(r, 20));
		return JSON.stringify(await window.e2e.rendered());
	})()`, 2*time.Minute, &raw)
	var rendered struct {
		Sections    []section `json:"sections"`
		WasmURL     string    `json:"wasmURL"`
		WasmFetches int       `json:"wasmFetches"`
		counts
	}
	decode(t, raw, &rendered)
	t.Logf("rendered: %s", raw)

	// Every component shows the hash Go computed in the page.
	var ids []string
	for _, s := range rendered.Sections {
		ids = append(ids, s.ID)
		if s.Status != "ready" || s.SHA != want || s.Error != "" {
			t.Errorf("#%s: status %q, sha256Hex %q, error %q; want ready and %q (crypto/sha256 of %q)", s.ID, s.Status, s.SHA, s.Error, want, text)
		}
	}
	if strings.Join(ids, " ") != "inline worker-a worker-b" {
		t.Errorf("sections %v, want inline worker-a worker-b", ids)
	}

	// Download progress reached the module's real size.
	resp, err := http.Get(base + rendered.WasmURL)
	if err != nil {
		t.Fatal(err)
	}
	wasm, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(wasm) < 1000 {
		t.Fatalf("GET %s: %v %d, %d bytes", rendered.WasmURL, err, resp.StatusCode, len(wasm))
	}
	for _, s := range rendered.Sections {
		if want := fmt.Sprintf("%d/%d", len(wasm), len(wasm)); s.Progress != want {
			t.Errorf("#%s shows progress %q, want %q (the module's size)", s.ID, s.Progress, want)
		}
	}

	// One load per mode, however many components use it and however often
	// StrictMode mounts them: the module was fetched once, for the inline
	// load and the worker load together (load() compiles a URL once per
	// page), one worker was started, and each mode's components received
	// the same API object.
	if strictMode && (rendered.Mounts != 2 || rendered.Unmounts != 1) {
		t.Errorf("StrictMode ran effects %d times and cleanups %d times, want 2 and 1: the page did not double-mount", rendered.Mounts, rendered.Unmounts)
	}
	if !strictMode && (rendered.Mounts != 1 || rendered.Unmounts != 0) {
		t.Errorf("the app mounted %d times and unmounted %d times, want 1 and 0", rendered.Mounts, rendered.Unmounts)
	}
	if rendered.WasmFetches != 1 {
		t.Errorf("the page fetched %s %d times, want once for the inline and the worker load", rendered.WasmURL, rendered.WasmFetches)
	}
	if rendered.WorkersCreated != 1 || rendered.WorkersTerminated != 0 {
		t.Errorf("%d workers started and %d terminated while mounted, want 1 and 0", rendered.WorkersCreated, rendered.WorkersTerminated)
	}
	if rendered.InlineAPIs != 1 || rendered.WorkerAPIs != 1 {
		t.Errorf("components received %d inline and %d worker APIs, want one of each, shared", rendered.InlineAPIs, rendered.WorkerAPIs)
	}

	// Unmounting one of the two worker components keeps the worker for the other.
	var dropped struct {
		Sections []string `json:"sections"`
		Hex      string   `json:"hex"`
		counts
	}
	evaluate(t, browser, `window.e2e.dropOne().then(JSON.stringify)`, &dropped)
	if strings.Join(dropped.Sections, " ") != "inline worker-a" || dropped.Hex != want || dropped.WorkersTerminated != 0 || dropped.WorkersCreated != 1 {
		t.Errorf("after unmounting #worker-b: sections %v, a worker call gave %q, %d workers started, %d terminated; want inline worker-a, %q, 1, 0",
			dropped.Sections, dropped.Hex, dropped.WorkersCreated, dropped.WorkersTerminated, want)
	}

	// Unmounting the last users closes both APIs and terminates the worker.
	var unmounted struct {
		Sections    int    `json:"sections"`
		WorkerCall  string `json:"workerCall"`
		InlineCall  string `json:"inlineCall"`
		WasmFetches int    `json:"wasmFetches"`
		counts
	}
	evaluate(t, browser, `window.e2e.unmountAll().then(JSON.stringify)`, &unmounted)
	if unmounted.Sections != 0 {
		t.Errorf("%d sections left after unmounting the app", unmounted.Sections)
	}
	if unmounted.WorkersCreated != 1 || unmounted.WorkersTerminated != 1 {
		t.Errorf("after unmounting: %d workers started, %d terminated; want 1 and 1", unmounted.WorkersCreated, unmounted.WorkersTerminated)
	}
	const closed = "compute.sha256Hex: the API was closed"
	if !strings.HasSuffix(unmounted.WorkerCall, closed) || !strings.HasSuffix(unmounted.InlineCall, closed) {
		t.Errorf("after unmounting, a call on the worker API gave %q and on the inline API %q; want both closed", unmounted.WorkerCall, unmounted.InlineCall)
	}
	if unmounted.WasmFetches != 1 {
		t.Errorf("the page fetched the module %d times in all, want 1", unmounted.WasmFetches)
	}
	if p := browser.Problems(); len(p) > 0 {
		t.Errorf("the page reported:\n%s", strings.Join(p, "\n"))
	}
}

func evaluate(t *testing.T, browser *harness.Browser, expr string, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser.Ctx, time.Minute)
	defer cancel()
	var raw string
	err := chromedp.Run(ctx, chromedp.Evaluate(expr, &raw, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	if err != nil {
		t.Fatalf("%s: %v\nconsole:\n%s", expr, err, strings.Join(browser.Console(), "\n"))
	}
	decode(t, raw, out)
}

func decode(t *testing.T, raw string, out any) {
	t.Helper()
	if err := json.Unmarshal([]byte(raw), out); err != nil {
		t.Fatalf("decoding %s: %v", raw, err)
	}
}
