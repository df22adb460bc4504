package wasmsize

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestPackageOf(t *testing.T) {
	known := map[string]string{}
	for _, p := range []string{"runtime", "github.com/gowasm/gowasm/wasmbridge", "github.com/gowasm/gowasm/wasmbridge/async",
		"slices", "crypto/internal/fips140/sha256", "main", "internal/runtime/maps"} {
		known[linkerName(p)] = p
	}
	for symbol, want := range map[string]string{
		"runtime.mallocgc": "runtime",
		"github.com_gowasm_gowasm_wasmbridge._Encoder_.Bool":       "github.com/gowasm/gowasm/wasmbridge",
		"github.com_gowasm_gowasm_wasmbridge_async._dispatcher_.c": "github.com/gowasm/gowasm/wasmbridge/async",
		"slices.Sort_go.shape.string_":                             "slices",
		"crypto_internal_fips140_sha256.blockGeneric":              "crypto/internal/fips140/sha256",
		"internal_runtime_maps.newarray":                           "internal/runtime/maps",
		"main.exportAdd":                                           "main",
		"type_.eq._2_interface__":                                  "(type and runtime metadata)",
		"unknown_pkg.F":                                            "unknown_pkg",
		"wasm_pc_f_loop":                                           "(runtime glue)",
		"":                                                         "(unnamed)",
	} {
		if got := packageOf(symbol, known); got != want {
			t.Errorf("packageOf(%q) = %q, want %q", symbol, got, want)
		}
	}
}

// TestRealModule analyses a freshly built Go program: the packages must
// account for the whole code section, and the program's own packages
// must be among them.
func TestRealModule(t *testing.T) {
	dir := t.TempDir()
	main := `package main

import "strconv"

func main() { println(strconv.Quote("size")) }
`
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module sizetest\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wasm := filepath.Join(dir, "m.wasm")
	build := exec.Command("go", "build", "-trimpath", "-o", wasm, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	module, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyze(module, goListDeps(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != len(module) || r.Code == 0 || r.Data == 0 || r.Names == 0 {
		t.Fatalf("report %+v", r)
	}
	sum := 0
	found := map[string]bool{}
	for _, p := range r.Packages {
		sum += p.Bytes
		found[p.Package] = true
	}
	// The code section holds the vector length prefix besides the bodies.
	if sum > r.Code || r.Code-sum > 8 {
		t.Fatalf("packages add up to %d bytes, code section is %d", sum, r.Code)
	}
	for _, pkg := range []string{"runtime", "strconv", "internal/strconv", "main"} {
		if !found[pkg] {
			t.Errorf("no code attributed to %s; packages: %v", pkg, r.Packages)
		}
	}
	if r.Packages[0].Package != "runtime" {
		t.Errorf("largest package is %s, want runtime", r.Packages[0].Package)
	}

	stripped := filepath.Join(dir, "s.wasm")
	build = exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", stripped, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -s: %v\n%s", err, out)
	}
	module, _ = os.ReadFile(stripped)
	if r, err := Analyze(module, nil); err != nil || r.Names != 0 || len(r.Packages) != 0 || r.Code == 0 {
		t.Fatalf("stripped module: %+v, %v", r, err)
	}
}

func TestNotWasm(t *testing.T) {
	if _, err := Analyze([]byte("hello"), nil); err == nil {
		t.Fatal("accepted a non-wasm file")
	}
	if _, err := Analyze([]byte("\x00asm\x01\x00\x00\x00\x0a\xff"), nil); err == nil {
		t.Fatal("accepted a truncated section")
	}
}

func goListDeps(t *testing.T, dir string) []string {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	return strings.Fields(string(out))
}
