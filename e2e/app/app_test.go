// Package app tests what `make run` serves: the demo page built by
// `gowasm serve`, loaded in headless Chromium, must show what the same
// Go functions compute natively.
package app

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/app/compute"
	"github.com/gowasm/gowasm/e2e/internal/harness"
)

func TestDemoPage(t *testing.T) {
	url := harness.StartServe(t, "-out", "build/e2e/app-serve", "-web", "app/web", "./app/compute").URL + "/"
	browser := harness.NewBrowser(t)
	var ready string
	browser.EvalPage(t, url, `new Promise((resolve) => {
		const check = () => document.body.dataset.ready ? resolve('ready') : setTimeout(check, 20);
		check();
	})`, time.Minute, &ready)

	text := func(sel string) string {
		var s string
		if err := chromedp.Run(browser.Ctx, chromedp.Text(sel, &s, chromedp.ByQuery)); err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	value := func(sel string) string {
		var s string
		if err := chromedp.Run(browser.Ctx, chromedp.Value(sel, &s, chromedp.ByQuery)); err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return s
	}

	if got, want := text("#sha"), compute.SHA256Hex([]byte(value("#text"))); got != want {
		t.Errorf("sha256Hex on the page = %q, native %q", got, want)
	}
	if got := text("#primes"); !strings.HasPrefix(got, "9592 primes") {
		t.Errorf("primes on the page = %q", got)
	}
	primes, _ := compute.Primes(100000)
	if len(primes) != 9592 {
		t.Fatalf("native Primes(100000) has %d primes; the page check above assumes 9592", len(primes))
	}
	s := compute.Stats([]float64{2, 4, 4, 4, 5, 5, 7, 9})
	if got := text("#stats"); !strings.Contains(got, "count 8") || !strings.Contains(got, "stdDev 2") || s.StdDev != 2 {
		t.Errorf("stats on the page = %q, native %+v", got, s)
	}

	// The blurred canvas pixels must be exactly what native Blur computes
	// from the same input pixels.
	var blur struct {
		Input  []byte `json:"input"`
		Radius int    `json:"radius"`
		Output []byte `json:"output"`
	}
	var raw string
	if err := chromedp.Run(browser.Ctx, chromedp.Evaluate(`JSON.stringify({
		input: Array.from(demo.blur.input), radius: demo.blur.radius, output: Array.from(demo.blur.output)})`, &raw)); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(raw), &blur); err != nil {
		t.Fatal(err)
	}
	want, err := compute.Blur(blur.Input, 160, 100, float64(blur.Radius))
	if err != nil || !bytes.Equal(blur.Output, want) {
		t.Errorf("blurred pixels differ from native Blur (err %v)", err)
	}

	// The async countdown reports progress through a callback and resolves.
	var countdown struct {
		Message string  `json:"message"`
		Steps   []int32 `json:"steps"`
	}
	if err := chromedp.Run(browser.Ctx, chromedp.Evaluate(`demo.countdown(3, 5).then(JSON.stringify)`, &raw,
		func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(raw), &countdown); err != nil {
		t.Fatal(err)
	}
	var steps []int32
	nativeMsg, _ := compute.Countdown(t.Context(), 3, 0, func(left, _ int32) { steps = append(steps, left) })
	if countdown.Message != nativeMsg || !slices.Equal(countdown.Steps, steps) {
		t.Errorf("countdown on the page = %q %v, native %q %v", countdown.Message, countdown.Steps, nativeMsg, steps)
	}
	// A Blob hashed in the page's worker, streamed through wasmbridge.Reader.
	var fileSum string
	if err := chromedp.Run(browser.Ctx, chromedp.Evaluate(`demo.hashFile(new Blob(['gowasm '.repeat(600000)]))`, &fileSum,
		func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
		t.Fatal(err)
	}
	if want := compute.SHA256Hex(bytes.Repeat([]byte("gowasm "), 600000)); fileSum != want {
		t.Errorf("hashStream in the worker = %q, native %q", fileSum, want)
	}
	if got := text("#file-sha"); !strings.HasPrefix(got, fileSum) {
		t.Errorf("the page shows %q for the hashed file", got)
	}

	for _, line := range browser.Console() {
		if strings.Contains(line, "exception") || strings.Contains(line, "console.error") {
			t.Errorf("page logged %s", line)
		}
	}
}
