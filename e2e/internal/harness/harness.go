// Package harness builds gowasm modules the way a user does (gowasm bind,
// then GOOS=js GOARCH=wasm go build) and runs them in Node and in headless
// Chromium for the end-to-end tests.
package harness

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
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
	Dir     string // where it was built
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

// BuildWASI builds pkg as a user does for a WASI host: with gowasm module
// -target wasip1, into build/e2e/NAME/PKGNAME/. The module is a reactor
// (GOOS=wasip1, -buildmode=c-shared) carrying its exports section.
func BuildWASI(tb testing.TB, name, pkg string) Module {
	tb.Helper()
	root := Root()
	dir := filepath.Join(root, "build", "e2e", name)
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	run(tb, root, nil, "go", "run", "./tools/cmd/gowasm", "module", "-target", "wasip1", "-o", dir, pkg)
	wasm, err := filepath.Glob(filepath.Join(dir, "*", "*.wasm"))
	if err != nil || len(wasm) != 1 {
		tb.Fatalf("gowasm module wrote %v modules in %s (%v)", wasm, dir, err)
	}
	return Module{Name: name, Dir: dir, Wasm: wasm[0], Binding: strings.TrimSuffix(wasm[0], ".wasm") + ".js"}
}

// BuildOnce returns a function that builds pkg as module name the first
// time a test asks, and hands every later test the same module: the test
// packages that share one module across many tests use it.
func BuildOnce(name, pkg string) func(testing.TB) Module {
	var once sync.Once
	var built Module
	return func(tb testing.TB) Module {
		tb.Helper()
		once.Do(func() { built = Build(tb, name, pkg) })
		if built.Wasm == "" {
			tb.Fatalf("building the %s module failed in an earlier test", name)
		}
		return built
	}
}

// Routes are the files a test page that loads m needs, for Serve: the
// toolchain's wasm_exec.js, @gowasm/bridge under /bridge/, the tagged-value
// helpers of package jsvalue under /internal/jsvalue/, the binding at
// /gen/binding.js and the module at /module.wasm. more adds the page's own.
func (m Module) Routes(tb testing.TB, more map[string]string) map[string]string {
	routes := map[string]string{
		"/wasm_exec.js":      WasmExec(tb),
		"/bridge/":           filepath.Join(Root(), "web/bridge"),
		"/internal/jsvalue/": filepath.Join(Root(), "e2e/internal/jsvalue"),
		"/gen/binding.js":    m.Binding,
		"/module.wasm":       m.Wasm,
	}
	maps.Copy(routes, more)
	return routes
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

// AppPackages are the Go packages of the app, as the Makefile's APP
// variable lists them for make run and make build.
func AppPackages(tb testing.TB) []string {
	tb.Helper()
	return strings.Fields(makeVariable(tb, "APP"))
}

// GoAppPackage is the app's go-app page, the Makefile's GOAPP.
func GoAppPackage(tb testing.TB) string {
	tb.Helper()
	return strings.TrimSpace(makeVariable(tb, "GOAPP"))
}

func makeVariable(tb testing.TB, name string) string {
	tb.Helper()
	makefile, err := os.ReadFile(filepath.Join(Root(), "Makefile"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(makefile), "\n") {
		if n, value, ok := strings.Cut(line, "="); ok && strings.TrimSpace(n) == name {
			return value
		}
	}
	tb.Fatalf("the Makefile sets no %s", name)
	return ""
}
