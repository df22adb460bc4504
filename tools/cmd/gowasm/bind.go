package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/gowasm/gowasm/tools/internal/bind"
)

func runBind(args []string) error {
	fs := flag.NewFlagSet("bind", flag.ContinueOnError)
	out := fs.String("o", "", "output `directory` for main.go, NAME.js and NAME.d.ts")
	target := bind.TargetJS
	fs.Var(&target, "target", "the module's `platform`: js (GOOS=js, browsers and Node), or wasip1 (a WASI reactor for Node's node:wasi or a Go host, sync exports only)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() != 1 {
		return errors.New("usage: gowasm bind [-target js|wasip1] -o DIR PACKAGE")
	}
	files, pkg, err := bind.Generate(".", fs.Arg(0), target)
	if err != nil {
		return err
	}
	paths, err := files.Write(*out)
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Println(p)
	}
	fmt.Printf("bound %d exports of %s\n", len(pkg.Funcs), pkg.Path)
	if pkg.Target == bind.TargetWASIP1 {
		fmt.Printf("build the module with: gowasm module -target wasip1 -o DIR %s\n", fs.Arg(0))
	}
	return nil
}
