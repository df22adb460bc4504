// Command gowasm builds Go packages into WebAssembly modules that
// JavaScript calls with exact types.
//
//	gowasm bind -o DIR PACKAGE   generate the wasm main package, NAME.js and NAME.d.ts
//	gowasm build [-o dist]       build the production site and print its size table
//	gowasm serve [-addr ADDR]    build the app for development and serve it
//	gowasm test [packages]       run js/wasm tests in headless Chromium
//	gowasm new DIR               create a project: a Go package and a React page
//	gowasm preview               serve dist/ with real nginx and nginx.conf
//	gowasm module PACKAGE...     bind and compile modules for a bundler plugin
package main

import (
	"flag"
	"fmt"
	"os"
)

const usage = `usage: gowasm <command> [arguments]

commands:
  bind -o DIR PACKAGE   generate main.go (the wasm module), NAME.js (the binding
                        for @gowasm/bridge) and NAME.d.ts from the functions of
                        PACKAGE marked //gowasm:export
  build [-o DIR]        build the production site (default dist/): wasm, bundled
                        and hashed JS, index.html, .gz/.br, asset-manifest.json
  serve [-addr ADDR]    build the app for development and serve it (default
                        127.0.0.1:8080, or $PORT); rebuilds and reloads on change
  test [-v] [-run RE] [packages]
                        run GOOS=js GOARCH=wasm go test in headless Chromium
  preview [-addr ADDR]  serve dist/ with real nginx and the repository's nginx.conf
  new [-gowasm DIR] DIR create a project: a Go package, a React page calling it
                        through @gowasm/bridge, and a Makefile with make run
  module [-o DIR] [-json] PACKAGE...
                        bind packages and compile their wasm modules into
                        DIR/NAME/ (NAME.js, NAME.d.ts, NAME.wasm): what a
                        bundler plugin such as @gowasm/vite serves
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "bind":
		err = runBind(args)
	case "build":
		err = runBuild(args)
	case "serve":
		err = runServe(args)
	case "test":
		err = runTest(args)
	case "new":
		err = runNew(args)
	case "preview":
		err = runPreview(args)
	case "module":
		err = runModule(args)
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "gowasm: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		if err != errSilent {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
}

// appPackages returns the Go packages a build command binds (its
// arguments, or the demo's ./app/compute) and the module root it runs in.
func appPackages(fs *flag.FlagSet) (packages []string, root string, err error) {
	packages = fs.Args()
	if len(packages) == 0 {
		packages = []string{"./app/compute"}
	}
	root, err = os.Getwd()
	return packages, root, err
}
