// Command gowasm builds Go packages into WebAssembly modules that
// JavaScript calls with exact types.
//
//	gowasm bind -o DIR PACKAGE   generate the wasm main package, NAME.js and NAME.d.ts
//	gowasm serve [-addr ADDR]    build the example app and serve it for development
package main

import (
	"fmt"
	"os"
)

const usage = `usage: gowasm <command> [arguments]

commands:
  bind -o DIR PACKAGE   generate main.go (the wasm module), NAME.js (the binding
                        for @gowasm/bridge) and NAME.d.ts from the functions of
                        PACKAGE marked //gowasm:export
  serve [-addr ADDR]    build the example app and serve it (default 127.0.0.1:8080,
                        or $PORT)
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
	case "serve":
		err = runServe(args)
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "gowasm: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
