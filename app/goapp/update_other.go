//go:build !js

package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// reloadOnceActive is the browser's (update_js.go); natively, where the
// pages are generated, there is no service worker to wait for.
func reloadOnceActive(ctx app.Context) { ctx.Reload() }
