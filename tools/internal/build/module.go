package build

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/gowasm/gowasm/internal/exports"
	"github.com/gowasm/gowasm/tools/internal/bind"
)

// A Bound package is a Go package with its generated binding and main
// package, ready to compile into a wasm module. The main package is
// compiled through an overlay, in a directory inside the package's own
// that exists only there: nothing is written into the module, a project's
// files cannot collide with it, and it may import what the package may
// (an internal package, the package itself when it is internal). A
// package of a dependency gets its main package at the module's root.
type Bound struct {
	Name    string // the Go package name, also the JavaScript module's
	Path    string // import path
	Files   bind.Files
	Package *bind.Package // what was bound, for the target it was bound for
	root    string        // the Go module root
	overlay string        // the overlay file naming main.go
	main    string        // the main package's directory, as go build takes it
}

// Bind generates the binding and the main package of pattern, a package
// of the Go module at root, for target; work receives main.go and the
// overlay.
func Bind(root, pattern, work string, target bind.Target) (*Bound, error) {
	files, pkg, err := bind.Generate(root, pattern, target)
	if err != nil {
		return nil, err
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(filepath.Join(work, pkg.Name))
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	mainGo := filepath.Join(dir, "main.go")
	if err := os.WriteFile(mainGo, files["main.go"], 0o644); err != nil {
		return nil, err
	}
	virtual := filepath.Join(pkg.Dir, ".gowasm")
	rel, err := filepath.Rel(absRoot, virtual)
	if err != nil || strings.HasPrefix(rel, "..") {
		// A package of another module (a dependency): its main package
		// lives in this module, which may import it.
		rel = filepath.Join(".gowasm", pkg.Name)
		virtual = filepath.Join(absRoot, rel)
	}
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {filepath.Join(virtual, "main.go"): mainGo}})
	if err != nil {
		return nil, err
	}
	b := &Bound{Name: pkg.Name, Path: pkg.Path, Files: files, Package: pkg, root: absRoot,
		overlay: filepath.Join(dir, "overlay.json"), main: "./" + filepath.ToSlash(rel)}
	return b, os.WriteFile(b.overlay, overlay, 0o644)
}

// WriteBinding writes the binding, NAME.js and NAME.d.ts, into dir.
func (b *Bound) WriteBinding(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range []string{b.Name + ".js", b.Name + ".d.ts"} {
		if err := os.WriteFile(filepath.Join(dir, name), b.Files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Compile builds the module into out with flags (e.g. -trimpath,
// -ldflags=-s -w): for js/wasm, or for wasip1 as a reactor
// (-buildmode=c-shared) carrying the description of its exports in its
// exports section, which a Go host (package host) and gowasm inspect read.
func (b *Bound) Compile(out string, flags ...string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if b.Package.Target == bind.TargetWASIP1 {
		flags = append([]string{"-buildmode=c-shared"}, flags...)
	}
	args := append(append([]string{"build", "-overlay", b.overlay}, flags...), "-o", abs, b.main)
	if out, err := b.goCommand(args...).CombinedOutput(); err != nil {
		return &CompileError{Root: b.root, Target: b.Package.Target, Output: strings.TrimSpace(string(out))}
	}
	if b.Package.Target != bind.TargetWASIP1 {
		return nil
	}
	module, err := os.ReadFile(abs)
	if err != nil {
		return err
	}
	module, err = exports.Append(module, b.Files[bind.ExportsFile(b.Package)])
	if err != nil {
		return fmt.Errorf("%s: %w", abs, err)
	}
	return os.WriteFile(abs, module, 0o644)
}

// Deps lists the module's packages as go list -deps -json does.
func (b *Bound) Deps() ([]Package, error) {
	out, err := b.goCommand("list", "-overlay", b.overlay, "-deps", "-json=ImportPath,Dir,GoFiles,Standard,Module", b.main).Output()
	if err != nil {
		return nil, fmt.Errorf("go list -deps %s: %w", b.Path, err)
	}
	var pkgs []Package
	for d := json.NewDecoder(strings.NewReader(string(out))); d.More(); {
		var p Package
		if err := d.Decode(&p); err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// Package is a package a module is built from, as go list describes it.
type Package struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Standard   bool
	Module     *struct{ GoMod string }
}

func (b *Bound) goCommand(args ...string) *exec.Cmd {
	return wasmGo(b.root, b.Package.Target, args...)
}

// wasmGo is the go command run in the module at root for target.
func wasmGo(root string, target bind.Target, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS="+string(target), "GOARCH=wasm")
	return cmd
}

// A CompileError is the Go compiler's complaint about a module.
type CompileError struct {
	Root   string // the Go module root, which the output's paths are relative to
	Target bind.Target
	Output string
}

func (e *CompileError) Error() string {
	return "compiling for " + string(e.Target) + "/wasm failed:\n" + e.Output
}

// Position is where a diagnostic points.
type Position struct {
	File    string `json:"file"` // absolute
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

var diagnostic = regexp.MustCompile(`(?m)^(\S+\.go):(\d+):(\d+): (.+)$`)

// Positions finds the file:line:col diagnostics in err (the Go compiler's
// or gowasm bind's), with their files made absolute against root.
func Positions(root string, err error) []Position {
	var out []Position
	for _, m := range diagnostic.FindAllStringSubmatch(err.Error(), -1) {
		file := m[1]
		if !filepath.IsAbs(file) {
			file = filepath.Join(root, file)
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		out = append(out, Position{File: file, Line: line, Column: col, Message: m[4]})
	}
	return out
}
