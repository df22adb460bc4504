package main

import "syscall/js"

// markFirstResult records the User Timing mark 'first-result' once per
// page load, as the React and Vue pages do (app/web/shared/timing.js).
func markFirstResult() {
	performance := js.Global().Get("performance")
	if performance.Call("getEntriesByName", "first-result", "mark").Length() > 0 {
		return
	}
	page := js.Global().Get("location").Get("pathname")
	performance.Call("mark", "first-result", map[string]any{"detail": map[string]any{"page": page}})
}
