package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gowasm/gowasm/internal/exports"
)

// runInspect prints the exports a wasip1 module describes in its
// gowasm.exports section: each with its Go and TypeScript signatures,
// then the struct and enum types they use.
func runInspect(args []string) error {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the description as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: gowasm inspect [-json] MODULE.wasm")
	}
	module, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	desc, err := exports.Read(module)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	if *asJSON {
		out, err := json.MarshalIndent(desc, "", "  ")
		if err != nil {
			return err
		}
		fmt.Println(string(out))
		return nil
	}
	printExports(os.Stdout, desc)
	return nil
}

func printExports(w io.Writer, desc *exports.Module) {
	fmt.Fprintf(w, "package %s (%s), %s, wasmbridge ABI %d\n", desc.Package, desc.Path, desc.Target, desc.ABI)
	for _, f := range desc.Funcs {
		fmt.Fprintf(w, "\n%s\n  Go: %s\n  TS: %s\n", f.Name, f.Go, f.TS)
	}
	for _, s := range desc.Structs {
		fmt.Fprintf(w, "\ntype %s struct (as an object)\n", s.GoName)
		for _, f := range s.Fields {
			optional := ""
			if f.Optional {
				optional = ", omitted when empty"
			}
			fmt.Fprintf(w, "  %-12s %s (Go field %s%s)\n", f.Name, desc.GoType(&f.Type), f.GoPath, optional)
		}
	}
	for _, e := range desc.Enums {
		fmt.Fprintf(w, "\ntype %s %s, one of %s\n", e.GoName, e.Under, strings.Join(e.Values, ", "))
	}
}
