package serving

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/app/compute"
	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// TestAppUnderNginx loads the production build from nginx in headless
// Chromium: the app must work under the real CSP with no console error
// and no CSP violation.
func TestAppUnderNginx(t *testing.T) {
	n := harness.StartNginx(t, dist(t))
	browser := harness.NewBrowser(t)
	var sha, text string
	err := chromedp.Run(browser.Ctx,
		chromedp.Navigate(n.URL+"/"),
		chromedp.Poll(`document.body.dataset.ready === 'true'`, nil, chromedp.WithPollingTimeout(time.Minute)),
		chromedp.Text("#sha", &sha, chromedp.ByQuery),
		chromedp.Value("#text", &text, chromedp.ByQuery),
		// The service worker registers under the CSP too.
		chromedp.Poll(`navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.active))`, nil,
			chromedp.WithPollingTimeout(30*time.Second)),
	)
	if err != nil {
		t.Fatalf("loading the app from nginx: %v\n%s", err, strings.Join(browser.Console(), "\n"))
	}
	if want := compute.SHA256Hex([]byte(text)); strings.TrimSpace(sha) != want {
		t.Errorf("sha256Hex on the page = %q, native %q", sha, want)
	}
	if problems := browser.Problems(); len(problems) > 0 {
		t.Errorf("the app reported problems under nginx:\n%s", strings.Join(problems, "\n"))
	}

	// The check above can fail: a deliberate inline script, which the CSP
	// forbids, must show up as a reported violation.
	inline := `document.head.append(Object.assign(document.createElement('script'), { textContent: 'window.leaked = 1' }))`
	if err := chromedp.Run(browser.Ctx, chromedp.Evaluate(inline, nil)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(strings.Join(browser.Problems(), "\n"), "Content Security Policy") {
		if time.Now().After(deadline) {
			t.Fatalf("a deliberate CSP violation was not reported; the problem check would be blind:\n%s",
				strings.Join(browser.Console(), "\n"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
