// Package app walks the app users open, as they would: the production
// build (make build) served by real nginx with nginx.conf, in headless
// Chromium. Every number the pages show is checked against the same Go
// code run natively, or against Go's standard library.
package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// tab is the browser on the app, with the checks every journey repeats.
type tab struct {
	t     *testing.T
	b     *harness.Browser
	base  string
	nginx *harness.Nginx
}

func newTab(t *testing.T) *tab {
	n := harness.StartNginx(t, harness.Site(t))
	return &tab{t: t, b: harness.NewBrowser(t), base: n.URL, nginx: n}
}

// run runs actions within timeout, failing the test with the console.
func (p *tab) run(timeout time.Duration, actions ...chromedp.Action) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.b.Ctx, timeout)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		p.t.Fatalf("%v\nconsole:\n%s", err, strings.Join(p.b.Console(), "\n"))
	}
}

// open loads path and waits for the page's heading.
func (p *tab) open(path, heading string) {
	p.t.Helper()
	p.run(time.Minute,
		chromedp.Navigate(p.base+path),
		chromedp.WaitReady(`main > h1`, chromedp.ByQuery),
	)
	if got := p.text(`main > h1`); got != heading {
		p.t.Fatalf("%s: heading %q, want %q", path, got, heading)
	}
	p.eval(watchLayoutShift, nil)
}

// eval evaluates expr in the page, awaiting a promise, into out.
func (p *tab) eval(expr string, out any) {
	p.t.Helper()
	p.run(2*time.Minute, chromedp.Evaluate(expr, out, func(e *runtime.EvaluateParams) *runtime.EvaluateParams {
		return e.WithAwaitPromise(true)
	}))
}

// wait waits until the expression is truthy. Polling right after a
// navigation may start in the execution context of the document being
// left, which Chromium then destroys: polling starts again, in the new one.
func (p *tab) wait(expr string, timeout time.Duration) {
	p.t.Helper()
	for tries := 0; ; tries++ {
		ctx, cancel := context.WithTimeout(p.b.Ctx, timeout)
		err := chromedp.Run(ctx, chromedp.Poll(expr, nil, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
		cancel()
		if err == nil {
			return
		}
		if tries == 2 || !strings.Contains(err.Error(), "Cannot find context with specified id") {
			p.t.Fatalf("%v\nconsole:\n%s", err, strings.Join(p.b.Console(), "\n"))
		}
	}
}

// text is the text of the element sel, read in one evaluation: a page
// that re-renders (go-app's does once its wasm runs) may replace the
// node between a query and a read.
func (p *tab) text(sel string) string {
	p.t.Helper()
	var s string
	p.eval(fmt.Sprintf(`document.querySelector(%q)?.textContent ?? ''`, sel), &s)
	return strings.TrimSpace(s)
}

func (p *tab) click(sel string) {
	p.t.Helper()
	p.run(30*time.Second, chromedp.Click(sel, chromedp.ByQuery))
}

// clickText clicks the button whose text contains label.
func (p *tab) clickText(label string) {
	p.t.Helper()
	p.run(30*time.Second, chromedp.Click(fmt.Sprintf(`//button[contains(., %q)]`, label), chromedp.BySearch))
}

// set gives a form field a value as a person would, so that React and
// Vue see the change: through the value setter of its class, then the
// event a person's edit fires.
func (p *tab) set(sel, value string) {
	p.t.Helper()
	p.eval(fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set.call(el, %q);
		el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
	})()`, sel, value), nil)
}

// upload sets the files of the file input sel, as a file picker does.
func (p *tab) upload(sel string, paths ...string) {
	p.t.Helper()
	p.run(30*time.Second, chromedp.SetUploadFiles(sel, paths, chromedp.ByQuery))
}

// watchLayoutShift adds up, in window.layoutShift, how far the page's
// content has moved without input since it was opened.
const watchLayoutShift = `(() => {
	window.layoutShift = 0;
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) if (!e.hadRecentInput) window.layoutShift += e.value;
	}).observe({ type: 'layout-shift', buffered: true });
})()`

// noLayoutShift fails the test when the page's content moved under the
// reader (cumulative layout shift, not caused by input, over 0.1: what
// Web Vitals calls poor) since it was opened.
func (p *tab) noLayoutShift(where string) {
	p.t.Helper()
	var shift float64
	p.eval(`window.layoutShift`, &shift)
	p.t.Logf("%s: cumulative layout shift %.3f", where, shift)
	if shift > 0.1 {
		p.t.Errorf("%s: cumulative layout shift %.3f; content moves as results arrive (the bar: 0.1)", where, shift)
	}
}

// labelled fails the test for a form field without an accessible name.
func (p *tab) labelled(where string) {
	p.t.Helper()
	var unnamed []string
	p.eval(`[...document.querySelectorAll('input, select, textarea, button')]
		.filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim())))
		.map((el) => el.outerHTML.slice(0, 80))`, &unnamed)
	if len(unnamed) > 0 {
		p.t.Errorf("%s: fields without a label: %v", where, unnamed)
	}
}

// withoutLongTasks runs work, a heavy job the page must do off its main
// thread, under a Chromium trace, and fails the test for any task that
// kept the page's main thread busy for over 50 ms of its CPU time. CPU
// time, not the wall time a long-task observer reports: the machine runs
// other suites beside this one, and on CI's 2 cores their load stretched
// main-thread tasks of 20-25 ms of work to 50-90 ms, while a page that
// blocks spends the CPU time at any load.
func (p *tab) withoutLongTasks(what string, work func()) {
	p.t.Helper()
	const limit = 50 * time.Millisecond
	tasks := p.mainThreadTasks(work)
	if len(tasks) == 0 {
		p.t.Fatalf("%s: the trace shows no task of the page's main thread; the check would be blind", what)
	}
	var long []string
	busiest := tasks[0]
	for _, task := range tasks {
		if task.cpu > busiest.cpu {
			busiest = task
		}
		if task.cpu > limit {
			long = append(long, fmt.Sprintf("%v of CPU in %v", task.cpu.Round(time.Millisecond), task.wall.Round(time.Millisecond)))
		}
	}
	p.t.Logf("%s: %d tasks on the main thread, the busiest %v of CPU in %v", what, len(tasks), busiest.cpu.Round(100*time.Microsecond), busiest.wall.Round(100*time.Microsecond))
	if len(long) > 0 {
		p.t.Errorf("%s: tasks that held the main thread for over %v: %v", what, limit, long)
	}
}

// A task the page's main thread ran: how long it took, and how much of
// that the thread was on the CPU.
type mainThreadTask struct{ wall, cpu time.Duration }

// mainThreadTasks runs work under a Chromium trace and returns the tasks
// that the page's main thread started meanwhile.
func (p *tab) mainThreadTasks(work func()) []mainThreadTask {
	p.t.Helper()
	type event struct {
		Name string  `json:"name"`
		Ph   string  `json:"ph"`
		Ts   float64 `json:"ts"`   // µs
		Dur  float64 `json:"dur"`  // µs of wall time
		TDur float64 `json:"tdur"` // µs of the thread's CPU time
		Pid  int     `json:"pid"`
		Tid  int     `json:"tid"`
	}
	ctx, cancel := context.WithCancel(p.b.Ctx)
	defer cancel()
	var mu sync.Mutex
	var events []event
	complete := make(chan struct{})
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			defer mu.Unlock()
			for _, raw := range ev.Value {
				var e event
				if json.Unmarshal(raw, &e) == nil {
					events = append(events, e)
				}
			}
		case *tracing.EventTracingComplete:
			close(complete)
		}
	})
	// toplevel has every task a thread runs (ThreadControllerImpl::RunTask,
	// with its CPU time); blink.user_timing, the mark that tells the page's
	// main thread from the browser's other threads.
	config := &tracing.TraceConfig{IncludedCategories: []string{"toplevel", "blink.user_timing"}}
	p.run(30*time.Second, tracing.Start().WithTraceConfig(config).WithTransferMode(tracing.TransferModeReportEvents))
	const mark = "main-thread-tasks"
	p.eval(fmt.Sprintf(`performance.mark(%q), true`, mark), nil)
	work()
	p.run(30*time.Second, tracing.End())
	select {
	case <-complete:
	case <-time.After(time.Minute):
		p.t.Fatal("the trace did not complete")
	}
	mu.Lock()
	defer mu.Unlock()
	var main *event
	for i, e := range events {
		if e.Name == mark {
			main = &events[i]
		}
	}
	if main == nil {
		p.t.Fatalf("the trace has no mark %q: it cannot tell the page's main thread", mark)
	}
	var tasks []mainThreadTask
	for _, e := range events {
		if e.Name == "ThreadControllerImpl::RunTask" && e.Ph == "X" && e.Pid == main.Pid && e.Tid == main.Tid && e.Ts >= main.Ts {
			tasks = append(tasks, mainThreadTask{wall: time.Duration(e.Dur * 1e3), cpu: time.Duration(e.TDur * 1e3)})
		}
	}
	return tasks
}

// noProblems fails the test for any console error, exception or CSP
// violation so far.
func (p *tab) noProblems(where string) {
	p.t.Helper()
	if problems := p.b.Problems(); len(problems) > 0 {
		p.t.Errorf("%s: the page reported problems:\n%s", where, strings.Join(problems, "\n"))
	}
}

// screenshots saves the page at a phone's and a desktop's width, to be
// looked at.
func (p *tab) screenshots(name string) {
	p.t.Helper()
	for _, w := range []int64{390, 1280} {
		p.run(30*time.Second, chromedp.EmulateViewport(w, 900))
		time.Sleep(300 * time.Millisecond) // charts follow their container's width
		p.b.Screenshot(p.t, fmt.Sprintf("app/%s-%d", name, w))
		// Nothing may make the page scroll sideways (tables scroll in their own box).
		var wide []string
		p.eval(`[...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 && !el.closest('.scroll'))
			.map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ' + Math.round(el.getBoundingClientRect().right))`, &wide)
		if len(wide) > 0 {
			p.t.Errorf("%s at %d px: elements past the right edge: %v", name, w, wide)
		}
	}
	p.run(30*time.Second, chromedp.EmulateViewport(1280, 900))
}

// shownAtDisplaySize waits until the canvas sel shows a drawn w×h image,
// then checks that it holds as many pixels as it is shown with, to the
// width its figure may take, and no more than the image has.
func (p *tab) shownAtDisplaySize(sel string, w, h int) {
	p.t.Helper()
	p.wait(fmt.Sprintf(`(() => {
		const c = document.querySelector(%q);
		return c?.dataset.drawn === 'true' && c.getAttribute('aria-label').endsWith(%q);
	})()`, sel, fmt.Sprintf("%d × %d pixels", w, h)), 2*time.Minute)
	var got struct{ Width, Height, Shown, Room int }
	p.eval(fmt.Sprintf(`(() => {
		const c = document.querySelector(%q);
		return {
			width: c.width, height: c.height,
			shown: Math.floor(c.getBoundingClientRect().width * devicePixelRatio),
			room: Math.ceil(c.closest('.compare').clientWidth * devicePixelRatio),
		};
	})()`, sel), &got)
	if got.Width < min(w, got.Shown) || got.Width > min(w, got.Room) {
		p.t.Errorf("%s: a %d×%d image is drawn %d pixels wide; it is shown %d device pixels wide, in a row of %d", sel, w, h, got.Width, got.Shown, got.Room)
	}
	if wantH := float64(h) * float64(got.Width) / float64(w); math.Abs(float64(got.Height)-wantH) > 1 {
		p.t.Errorf("%s: a %d×%d image is drawn %d×%d, out of proportion", sel, w, h, got.Width, got.Height)
	}
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// floatAttr reads a numeric data attribute that the page wrote from a
// JavaScript number: its shortest round-trip form, so parsing gives the
// number exactly.
func (p *tab) floatAttr(sel, attr string) float64 {
	p.t.Helper()
	var s *string
	p.eval(fmt.Sprintf(`document.querySelector(%q)?.getAttribute(%q) ?? null`, sel, attr), &s)
	if s == nil {
		p.t.Fatalf("%s has no %s", sel, attr)
	}
	f, err := strconv.ParseFloat(*s, 64)
	if err != nil {
		p.t.Fatalf("%s[%s] = %q: not a number", sel, attr, *s)
	}
	return f
}

// writeFile writes a file for a journey to upload.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// digest is the hex digest the hasher shows for file under algorithm
// ("" when it shows none): the React, Vue and go-app pages mark it alike.
func (p *tab) digest(file, algorithm string) string {
	p.t.Helper()
	var got string
	p.eval(fmt.Sprintf(`[...document.querySelectorAll('.job')].find((j) => j.querySelector('.name').textContent === %q)
		?.querySelector('output[data-algorithm=%q]')?.textContent ?? ''`, file, algorithm), &got)
	return got
}
