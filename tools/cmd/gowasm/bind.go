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
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() != 1 {
		return errors.New("usage: gowasm bind -o DIR PACKAGE")
	}
	files, pkg, err := bind.Generate(".", fs.Arg(0))
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
	return nil
}
