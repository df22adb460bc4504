// Package bind generates the Go and JavaScript glue for a package's
// //gowasm:export functions: the wasm main package with its shims, the
// binding module for @gowasm/bridge, and its TypeScript declarations.
package bind

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
)

// Files maps generated file names to their contents.
type Files map[string][]byte

// Generate loads the package matched by pattern (resolved in dir) and
// renders, for target, main.go, NAME.js and NAME.d.ts, where NAME is the
// package name, and for wasip1 NAME.exports.json (see Describe).
func Generate(dir, pattern string, target Target) (Files, *Package, error) {
	pkg, err := Load(dir, pattern, target)
	if err != nil {
		return nil, nil, err
	}
	main, err := GoMain(pkg)
	if err != nil {
		return nil, nil, err
	}
	files := Files{
		"main.go":          main,
		pkg.Name + ".js":   JS(pkg),
		pkg.Name + ".d.ts": TypeScript(pkg),
	}
	if target == TargetWASIP1 {
		desc, err := json.MarshalIndent(Describe(pkg), "", "  ")
		if err != nil {
			return nil, nil, err
		}
		files[ExportsFile(pkg)] = append(desc, '\n')
	}
	return files, pkg, nil
}

// ExportsFile names the description of a wasip1 module's exports, which
// gowasm module writes into the module's gowasm.exports section.
func ExportsFile(pkg *Package) string { return pkg.Name + ".exports.json" }

// Write writes the files into dir, creating it, and returns their paths.
func (f Files) Write(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for name, content := range f {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	sort.Strings(paths)
	return paths, nil
}
