package build

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gowasm/gowasm/tools/internal/wasmsize"

	"github.com/gowasm/gowasm/tools/internal/bind"
)

// compileGo binds every package and compiles its module twice: stripped
// for the site, and with symbols for the size report.
func (b *builder) compileGo() ([]Module, error) {
	b.gen = map[string]string{}
	var modules []Module
	for _, pattern := range b.opts.Packages {
		bound, err := Bind(b.opts.Root, pattern, filepath.Join(b.opts.Work, "go"), bind.TargetJS)
		if err != nil {
			return nil, err
		}
		if _, dup := b.gen[bound.Name]; dup {
			return nil, fmt.Errorf("two bound packages are named %s; JavaScript imports them as gowasm:%s", bound.Name, bound.Name)
		}
		genDir := filepath.Join(b.opts.Work, "gen", bound.Name)
		if err := bound.WriteBinding(genDir); err != nil {
			return nil, err
		}
		b.gen[bound.Name] = genDir
		if err := bound.Compile(filepath.Join(genDir, bound.Name+".wasm"), "-trimpath", "-ldflags=-s -w"); err != nil {
			return nil, err
		}
		m := Module{Package: bound.Path}
		if b.opts.Production {
			// A second link, with symbols, for the size report; development
			// builds skip it to rebuild faster.
			symbols := filepath.Join(b.opts.Work, "size", bound.Name+".wasm")
			if err := bound.Compile(symbols, "-trimpath"); err != nil {
				return nil, err
			}
			if m, err = sizeReport(bound, symbols); err != nil {
				return nil, err
			}
			m.Package = bound.Path
		}
		modules = append(modules, m)
	}
	return modules, nil
}

func sizeReport(bound *Bound, wasm string) (Module, error) {
	deps, err := bound.Deps()
	if err != nil {
		return Module{}, err
	}
	var paths []string
	for _, d := range deps {
		paths = append(paths, d.ImportPath)
	}
	return moduleSize(wasm, paths)
}

// moduleSize reports where the code of wasm, linked with symbols from
// packages, comes from.
func moduleSize(wasm string, packages []string) (Module, error) {
	module, err := os.ReadFile(wasm)
	if err != nil {
		return Module{}, err
	}
	r, err := wasmsize.Analyze(module, packages)
	if err != nil {
		return Module{}, fmt.Errorf("%s: %w", wasm, err)
	}
	return Module{Code: r.Code, Data: r.Data, Packages: r.Packages}, nil
}

// copyWasmExec copies the toolchain's wasm_exec.js, which must match the
// compiler that built the modules, under a content-hashed name.
func (b *builder) copyWasmExec() error {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	src := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	name := AssetsDir + "/wasm_exec-" + contentHash(data) + ".js"
	b.urls["wasm_exec.js"] = b.opts.Base + name
	b.sources[name] = "$GOROOT/lib/wasm/wasm_exec.js" // the same manifest on every machine
	b.hashed[name] = true
	return os.WriteFile(filepath.Join(b.opts.Out, name), data, 0o644)
}

// contentHash is 8 base32 characters, like esbuild's [hash].
func contentHash(data []byte) string {
	sum := sha256.Sum256(data)
	return base32.StdEncoding.EncodeToString(sum[:5])
}
