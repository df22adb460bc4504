// Command goapp is the app's tools written entirely in Go with go-app v9:
// the file hasher and the data tool as go-app components that call
// app/hashing and app/tabular directly, Go calling Go inside one wasm
// module, with no JavaScript of ours. gowasm build compiles it for the
// browser (without go-app's server code) and runs it natively to write
// its static pages under /goapp/ (see static_other.go).
package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

func main() {
	// One page: its deep links (under /goapp/, which go-app strips) show it too.
	app.RouteWithRegexp("^/.*", &tools{})
	app.RunWhenOnBrowser() // in the browser, never returns
	generate()
}
