package main

import (
	"strings"
	"syscall/js"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// reloadOnceActive reloads the page once go-app's new service worker,
// which has installed and skips waiting, is its registration's active
// worker, which then serves the reload. A reload while the worker was
// still only installed could be served by the old one from the old
// build's cache, and the page would stay on the old build with no update
// left to find: TestGoAppUpdate failed so, 1 run in 3 in CI. (Waiting for
// controllerchange instead would wait forever on a first visit, when the
// page is under the app's own worker, whose scope / covers /goapp/ too.)
//
// go-app calls any install an update when some worker controls the page.
// A page that go-app's worker does not control came from the network, so
// it runs the newest build already: on a first visit after the React
// pages, under the app's own worker, the reload would only restart the
// page, at any moment (it broke a TestPages screenshot in CI).
func reloadOnceActive(ctx app.Context) {
	workers := js.Global().Get("navigator").Get("serviceWorker")
	if workers.IsUndefined() {
		ctx.Reload()
		return
	}
	var found js.Func
	found = js.FuncOf(func(_ js.Value, args []js.Value) any {
		found.Release()
		registration := args[0] // the one whose scope matches the page best: go-app's
		if registration.IsUndefined() {
			ctx.Reload()
			return nil
		}
		if controller := workers.Get("controller"); controller.IsNull() ||
			!strings.HasPrefix(controller.Get("scriptURL").String(), registration.Get("scope").String()) {
			return nil
		}
		if registration.Get("waiting").IsNull() {
			ctx.Reload()
			return nil
		}
		// Its next state is activating (or redundant, when that failed).
		var changed js.Func
		changed = js.FuncOf(func(js.Value, []js.Value) any {
			changed.Release()
			ctx.Reload()
			return nil
		})
		registration.Get("waiting").Call("addEventListener", "statechange", changed, map[string]any{"once": true})
		return nil
	})
	workers.Call("getRegistration", js.Global().Get("location").Get("href")).Call("then", found)
}
