// Package harness builds gowasm modules the way a user does (gowasm bind,
// then GOOS=js GOARCH=wasm go build) and runs them in Node and in headless
// Chromium for the end-to-end tests.
package harness

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Root is the repository root.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// GOROOT is the root of the toolchain that builds the modules; its
// wasm_exec.js must be the one that runs them.
func GOROOT(tb testing.TB) string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		tb.Fatalf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// WasmExec is the path of the toolchain's wasm_exec.js.
func WasmExec(tb testing.TB) string {
	return filepath.Join(GOROOT(tb), "lib", "wasm", "wasm_exec.js")
}

// Module is a built gowasm module.
type Module struct {
	Name    string // the name Build was given
	Dir     string // holds gen/ (main.go, NAME.js, NAME.d.ts) and NAME.wasm
	Wasm    string
	Binding string // NAME.js
}

// Build binds pkg (an import path or ./dir relative to the repository)
// and compiles its wasm module under build/e2e/NAME in the repository,
// which must be inside the module for go build. Each test package needs
// its own NAME: packages are tested in parallel.
func Build(tb testing.TB, name, pkg string, extraBuildFlags ...string) Module {
	tb.Helper()
	root := Root()
	dir := filepath.Join(root, "build", "e2e", name)
	gen := filepath.Join(dir, "gen")
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	run(tb, root, nil, "go", "run", "./tools/cmd/gowasm", "bind", "-o", gen, pkg)
	wasm := filepath.Join(dir, name+".wasm")
	args := append([]string{"build", "-trimpath"}, extraBuildFlags...)
	args = append(args, "-o", wasm, "./"+mustRel(tb, root, gen))
	run(tb, root, []string{"GOOS=js", "GOARCH=wasm"}, "go", args...)
	// The binding is named after the Go package, which name need not be.
	bindings, err := filepath.Glob(filepath.Join(gen, "*.js"))
	if err != nil || len(bindings) != 1 {
		tb.Fatalf("gowasm bind wrote %v bindings in %s (%v)", bindings, gen, err)
	}
	return Module{Name: name, Dir: dir, Wasm: wasm, Binding: bindings[0]}
}

func run(tb testing.TB, dir string, env []string, name string, args ...string) {
	tb.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func mustRel(tb testing.TB, base, target string) string {
	rel, err := filepath.Rel(base, target)
	if err != nil {
		tb.Fatal(err)
	}
	return rel
}

// Node runs a Node script with args and returns its standard output.
func Node(tb testing.TB, script string, args ...string) []byte {
	tb.Helper()
	cmd := exec.Command("node", append([]string{script}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("node %s: %v\nstderr:\n%s", script, err, stderr.String())
	}
	return out
}
