package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/gowasm/gowasm/tools/internal/scaffold"
)

func runNew(args []string) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	gowasm := fs.String("gowasm", "", "`directory` of the gowasm module to build with (default: the one this command runs from)")
	template := fs.String("template", scaffold.Templates[0], "the kind of `project`: "+strings.Join(scaffold.Templates, ", ")+
		" (default: a page gowasm builds, with a Makefile; vite-react: Vite, React, TypeScript and @gowasm/vite)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: gowasm new [-template NAME] [-gowasm DIR] DIR")
	}
	if *gowasm == "" {
		// Run from a gowasm checkout (go run ./tools/cmd/gowasm), its module is here.
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/gowasm/gowasm").Output()
		if err != nil {
			return errors.New("gowasm new: looked for the gowasm module (go list -m github.com/gowasm/gowasm) and found none; run it inside the gowasm repository, or pass -gowasm DIR")
		}
		*gowasm = strings.TrimSpace(string(out))
	}
	dir := fs.Arg(0)
	if err := scaffold.New(dir, scaffold.Options{Gowasm: *gowasm, Template: *template}); err != nil {
		return err
	}
	next := "make run"
	if *template == "vite-react" {
		next = "npm install && npm run dev"
	}
	fmt.Printf("gowasm: created %s\n\n  cd %s && %s\n", dir, dir, next)
	os.Stdout.Sync()
	return nil
}
