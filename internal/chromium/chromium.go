// Package chromium starts Debian's headless Chromium for chromedp, with
// the flags this project's machines need, and a fresh profile per run.
// The e2e tests and `gowasm test` share it.
package chromium

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

// Path is Debian's Chromium; `make deps` installs it.
const Path = "/usr/bin/chromium"

// Start launches headless Chromium and returns a chromedp context for a
// new tab, and a function that stops the browser and removes its profile.
// Options add to the flags this project needs (chromedp.Flag).
func Start(parent context.Context, options ...chromedp.ExecAllocatorOption) (context.Context, func(), error) {
	if _, err := os.Stat(Path); err != nil {
		return nil, nil, fmt.Errorf("chromium is not installed at %s (run `make deps`, or apt-get install chromium): %w", Path, err)
	}
	profile, err := os.MkdirTemp("", "gowasm-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	)
	opts = append(opts, options...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	stop := func() {
		cancelCtx()
		cancelAlloc()
		// Chromium may still be writing to its profile as it exits.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	if err := chromedp.Run(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting chromium: %w", err)
	}
	return ctx, stop, nil
}
