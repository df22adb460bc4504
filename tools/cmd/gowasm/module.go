package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gowasm/gowasm/tools/internal/bind"
	"github.com/gowasm/gowasm/tools/internal/build"
)

// moduleResult is what `gowasm module -json` prints: what a bundler
// plugin (@gowasm/vite) serves and watches, or why it failed.
type moduleResult struct {
	// WasmExec is the toolchain's wasm_exec.js, which must run the modules.
	WasmExec string         `json:"wasmExec,omitempty"`
	Modules  []moduleOutput `json:"modules,omitempty"`
	// Sources are the files the modules were built from (Go files of
	// every package outside the standard library, and go.mod files):
	// when none changes, the modules need no rebuild.
	Sources []string         `json:"sources,omitempty"`
	Errors  []build.Position `json:"errors,omitempty"`
}

type moduleOutput struct {
	Name    string `json:"name"`    // gowasm:NAME imports the binding, gowasm:NAME.wasm the module
	Package string `json:"package"` // the Go import path
	JS      string `json:"js"`
	DTS     string `json:"dts"`
	Wasm    string `json:"wasm"`
	Size    int64  `json:"size"` // the module's bytes, the progress total of a compressed download
}

// runModule binds packages of the Go module in the working directory and
// compiles their wasm modules into DIR/NAME/: the step of `gowasm build`
// that a bundler plugin needs. Outputs change only when every package
// builds, so that a broken edit leaves the last good modules in place.
func runModule(args []string) error {
	fs := flag.NewFlagSet("module", flag.ContinueOnError)
	out := fs.String("o", "gowasm-modules", "output `directory`; each package gets DIR/NAME/ with NAME.js, NAME.d.ts and NAME.wasm")
	asJSON := fs.Bool("json", false, "print the outputs, sources and errors as JSON")
	target := bind.TargetJS
	fs.Var(&target, "target", "the modules' `platform`: js, or wasip1 (a WASI reactor, with its exports described in its gowasm.exports section for a Go host and gowasm inspect)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("usage: gowasm module [-target js|wasip1] [-o DIR] [-json] PACKAGE...")
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	result, err := buildModules(root, *out, target, fs.Args())
	if !*asJSON {
		if err == nil {
			for _, m := range result.Modules {
				fmt.Printf("%s: %s (%d bytes)\n", m.Package, m.Wasm, m.Size)
			}
		}
		return err
	}
	if err != nil {
		result = &moduleResult{Errors: build.Positions(root, err)}
		if len(result.Errors) == 0 {
			result.Errors = []build.Position{{Message: err.Error()}}
		}
	}
	data, jerr := json.Marshal(result)
	if jerr != nil {
		return jerr
	}
	fmt.Println(string(data))
	if err != nil {
		return errSilent // the JSON said it
	}
	return nil
}

func buildModules(root, out string, target bind.Target, patterns []string) (*moduleResult, error) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	// Staged beside the outputs, so that they move into place by rename.
	// No Go package is named ".staging-…".
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp(out, ".staging-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	result := &moduleResult{WasmExec: filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")}
	staged := map[string]string{} // NAME → its outputs in work
	for _, pattern := range patterns {
		bound, err := build.Bind(root, pattern, filepath.Join(work, "main"), target)
		if err != nil {
			return nil, err
		}
		if _, dup := staged[bound.Name]; dup {
			return nil, fmt.Errorf("two packages are named %s; JavaScript imports them as gowasm:%s", bound.Name, bound.Name)
		}
		dir := filepath.Join(work, "out", bound.Name)
		if err := bound.WriteBinding(dir); err != nil {
			return nil, err
		}
		if err := bound.Compile(filepath.Join(dir, bound.Name+".wasm"), "-trimpath", "-ldflags=-s -w"); err != nil {
			return nil, err
		}
		deps, err := bound.Deps()
		if err != nil {
			return nil, err
		}
		for _, p := range deps {
			if p.Standard {
				continue
			}
			for _, f := range p.GoFiles {
				if path := filepath.Join(p.Dir, f); exists(path) { // not the overlay's main.go
					result.Sources = append(result.Sources, path)
				}
			}
			if p.Module != nil && p.Module.GoMod != "" {
				result.Sources = append(result.Sources, p.Module.GoMod)
			}
		}
		staged[bound.Name] = dir
		final, err := filepath.Abs(filepath.Join(out, bound.Name))
		if err != nil {
			return nil, err
		}
		info, err := os.Stat(filepath.Join(dir, bound.Name+".wasm"))
		if err != nil {
			return nil, err
		}
		result.Modules = append(result.Modules, moduleOutput{
			Name: bound.Name, Package: bound.Path, Size: info.Size(),
			JS: filepath.Join(final, bound.Name+".js"), DTS: filepath.Join(final, bound.Name+".d.ts"),
			Wasm: filepath.Join(final, bound.Name+".wasm"),
		})
	}
	// Every package built: replace the outputs.
	for name, dir := range staged {
		final := filepath.Join(out, name)
		if err := os.RemoveAll(final); err != nil {
			return nil, err
		}
		if err := os.Rename(dir, final); err != nil {
			return nil, err
		}
	}
	slices.Sort(result.Sources)
	result.Sources = slices.Compact(result.Sources)
	return result, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
