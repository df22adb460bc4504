// Command gowasm builds Go packages into WebAssembly modules that
// JavaScript calls with exact types.
//
//	gowasm bind -o DIR PACKAGE   generate the wasm main package, NAME.js and NAME.d.ts
//	gowasm build [-o dist]       build the production site and print its size table
//	gowasm serve [-addr ADDR]    build the app for development and serve it
//	gowasm test [packages]       run js/wasm tests in headless Chromium
//	gowasm new DIR               create a project: a Go package and a React page
//	gowasm preview               serve dist/ with real nginx and gowasm's nginx.conf
//	gowasm module PACKAGE...     bind and compile modules for a bundler plugin or a Go host
//	gowasm inspect MODULE.wasm   print a wasip1 module's exports
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

const usage = `usage: gowasm <command> [arguments]

commands:
  bind -o DIR PACKAGE   generate main.go (the wasm module), NAME.js (the binding
                        for @gowasm/bridge) and NAME.d.ts from the functions of
                        PACKAGE marked //gowasm:export
  build [-o DIR] [-web DIR] PACKAGE...
                        build the production site (default dist/) from the Go
                        packages and the page in -web (default web/): wasm,
                        bundled and hashed JS, index.html, .gz/.br,
                        asset-manifest.json
  serve [-addr ADDR] [-web DIR] PACKAGE...
                        build the app for development and serve it (default
                        127.0.0.1:8080, or $PORT); rebuilds and reloads on change
  test [-v] [-run RE] [packages]
                        run GOOS=js GOARCH=wasm go test in headless Chromium
  preview [-addr ADDR] [-dist DIR] [-conf DIR]
                        serve a built site with real nginx and the production
                        nginx.conf gowasm carries
  new [-template NAME] [-gowasm DIR] DIR
                        create a project: a Go package and a React page calling
                        it through @gowasm/bridge, built by gowasm (a Makefile
                        with make run) or, with -template vite-react, by Vite
                        with @gowasm/vite (npm run dev)
  module [-target js|wasip1] [-o DIR] [-json] PACKAGE...
                        bind packages and compile their wasm modules into
                        DIR/NAME/ (NAME.js, NAME.d.ts, NAME.wasm): what a
                        bundler plugin such as @gowasm/vite serves; with
                        -target wasip1, WASI reactors for Node or a Go host
                        (package host), describing their exports
  inspect [-json] MODULE.wasm
                        print the exports a wasip1 module describes, with
                        their Go and TypeScript signatures
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
	case "inspect":
		err = runInspect(args)
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
// arguments) and the module root it runs in, and checks that web holds
// the page template.
func appPackages(fs *flag.FlagSet, web string) (packages []string, root string, err error) {
	packages = fs.Args()
	if len(packages) == 0 {
		return nil, "", fmt.Errorf("gowasm %s: name the Go packages to build, e.g. gowasm %s ./calc (packages with functions marked //gowasm:export)", fs.Name(), fs.Name())
	}
	if _, err := os.Stat(filepath.Join(web, "index.html")); err != nil {
		return nil, "", fmt.Errorf("gowasm %s: looked for the page template %s and found none (-web names the directory of index.html)", fs.Name(), filepath.Join(web, "index.html"))
	}
	root, err = os.Getwd()
	return packages, root, err
}
