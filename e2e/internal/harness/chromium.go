package harness

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/internal/chromium"
)

// Browser is a headless Chromium tab with its console captured.
type Browser struct {
	Ctx context.Context

	close   func()
	mu      sync.Mutex
	console []string
}

// Close stops the browser and removes its profile; NewBrowser's does so
// when the test ends, and a test that opens browser after browser closes
// each when done with it: an idle browser is no idle process (its pages'
// timers, workers and service workers run on), and 90 of them, kept
// until a benchmark's end, loaded 2 cores to a load average of 6.
func (b *Browser) Close() {
	b.close()
}

// NewBrowser starts headless Chromium with a fresh profile, and options
// added to its flags (chromium.Start). A missing browser fails the test:
// it is an install step, never a skip.
func NewBrowser(tb testing.TB, options ...chromedp.ExecAllocatorOption) *Browser {
	tb.Helper()
	b, err := StartBrowser(options...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(b.Close)
	return b
}

// settleFor is how long NewSettledBrowser lets a new browser work alone.
const settleFor = 2 * time.Second

// NewSettledBrowser is NewBrowser for measurements: it opens about:blank
// and waits while the new browser does its own start-up work, as a
// user's long-running browser has. Measured at once, a page shares the
// machine with that work: on 2 cores, cold visits of /hash took 870 ms
// (medians of 3) right after the launch, and 530, 510 and 480 ms one,
// three and six seconds after it, with the cache as empty.
func NewSettledBrowser(tb testing.TB, options ...chromedp.ExecAllocatorOption) *Browser {
	tb.Helper()
	b := NewBrowser(tb, options...)
	if err := chromedp.Run(b.Ctx, chromedp.Navigate("about:blank")); err != nil {
		tb.Fatal(err)
	}
	time.Sleep(settleFor)
	return b
}

// StartBrowser is NewBrowser for a browser the caller closes, e.g. to
// replace one that hung.
func StartBrowser(options ...chromedp.ExecAllocatorOption) (*Browser, error) {
	ctx, stop, err := chromium.Start(context.Background(), options...)
	if err != nil {
		return nil, err
	}
	b := &Browser{Ctx: ctx, close: sync.OnceFunc(stop)}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, arg := range ev.Args {
				parts = append(parts, strings.Trim(string(arg.Value), `"`))
			}
			b.log(fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " ")))
		case *runtime.EventExceptionThrown:
			b.log("exception: " + ev.ExceptionDetails.Error())
		case *cdplog.EventEntryAdded:
			// Browser-side reports: CSP violations, failed loads, deprecations.
			b.log(fmt.Sprintf("log.%s.%s: %s %s", ev.Entry.Source, ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
		}
	})
	if err := chromedp.Run(ctx, cdplog.Enable()); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

func (b *Browser) log(line string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.console = append(b.console, line)
}

// Problems returns the console errors, exceptions and browser-reported
// errors (CSP violations among them) seen so far.
func (b *Browser) Problems() []string {
	var out []string
	for _, line := range b.Console() {
		if strings.HasPrefix(line, "exception") || strings.HasPrefix(line, "console.error") ||
			(strings.HasPrefix(line, "log.") && strings.Contains(line, ".error:")) {
			out = append(out, line)
		}
	}
	return out
}

// Console returns what the page logged so far.
func (b *Browser) Console() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.console...)
}

// EvalPage opens url and evaluates expr, awaiting it if it is a promise,
// into out.
func (b *Browser) EvalPage(tb testing.TB, url, expr string, timeout time.Duration, out any) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, timeout)
	defer cancel()
	err := chromedp.Run(ctx,
		chromedp.Navigate(url),
		chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}),
	)
	if err != nil {
		tb.Fatalf("evaluating %s on %s: %v\nconsole:\n%s", expr, url, err, strings.Join(b.Console(), "\n"))
	}
}

// Screenshot saves the page as build/e2e/NAME.png, to be looked at: a
// page that passes its checks can still look broken.
func (b *Browser) Screenshot(tb testing.TB, name string) {
	tb.Helper()
	png, err := b.fullScreenshot()
	if err != nil {
		tb.Errorf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(Root(), "build", "e2e", name+".png")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// screenshotWait is how long a screenshot may take before it is tried again.
const screenshotWait = 30 * time.Second

// fullScreenshot captures the whole page as PNG. Headless Chromium's
// capture sometimes never answers when the page's compositor has gone
// idle (a TestPages run in CI waited 8 minutes; see chromedp issues 770
// and 924): after screenshotWait the compositor is woken with a moment of
// screencast and the capture is tried once more.
func (b *Browser) fullScreenshot() ([]byte, error) {
	var png []byte
	capture := func() error {
		ctx, cancel := context.WithTimeout(b.Ctx, screenshotWait)
		defer cancel()
		return chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100))
	}
	err := capture()
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		return png, err
	}
	ctx, cancel := context.WithTimeout(b.Ctx, screenshotWait)
	defer cancel()
	wake := chromedp.Run(ctx,
		page.StartScreencast().WithFormat(page.ScreencastFormatJpeg).WithQuality(10),
		chromedp.Sleep(250*time.Millisecond),
		page.StopScreencast(),
	)
	if wake != nil {
		return nil, fmt.Errorf("no answer in %v, and waking the compositor failed: %w", screenshotWait, wake)
	}
	if err := capture(); err != nil {
		return nil, fmt.Errorf("no answer in %v, and again after waking the compositor: %w", screenshotWait, err)
	}
	return png, nil
}

// Serve serves a file tree on loopback: each key of routes is a URL
// prefix ending in "/" mapped to a directory, or an exact path mapped to
// a file, which wins over a prefix that contains it. It sends
// application/wasm for .wasm and no caching.
func Serve(tb testing.TB, routes map[string]string) string {
	tb.Helper()
	return serve(tb, routes, nil)
}

// ServeIsolated is Serve with the headers of cross-origin isolation
// (COOP same-origin, COEP require-corp), under which Chromium's
// performance.now() steps by 5 µs rather than 100 µs.
func ServeIsolated(tb testing.TB, routes map[string]string) string {
	tb.Helper()
	return serve(tb, routes, map[string]string{
		"Cross-Origin-Opener-Policy":   "same-origin",
		"Cross-Origin-Embedder-Policy": "require-corp",
	})
}

func serve(tb testing.TB, routes, headers map[string]string) string {
	mux := http.NewServeMux()
	for pattern, target := range routes {
		if strings.HasSuffix(pattern, "/") {
			mux.Handle(pattern, http.StripPrefix(pattern, http.FileServer(http.Dir(target))))
		} else {
			mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, target) })
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		mux.ServeHTTP(w, r)
	}))
	tb.Cleanup(srv.Close)
	return srv.URL
}
