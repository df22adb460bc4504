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
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: gowasm new [-gowasm DIR] DIR")
	}
	if *gowasm == "" {
		// Run from a gowasm checkout (go run ./tools/cmd/gowasm), its module is here.
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/gowasm/gowasm").Output()
		if err != nil {
			return errors.New("gowasm new: run it inside the gowasm repository, or pass -gowasm DIR")
		}
		*gowasm = strings.TrimSpace(string(out))
	}
	dir := fs.Arg(0)
	if err := scaffold.New(dir, scaffold.Options{Gowasm: *gowasm}); err != nil {
		return err
	}
	fmt.Printf("gowasm: created %s\n\n  cd %s && make run\n", dir, dir)
	os.Stdout.Sync()
	return nil
}
