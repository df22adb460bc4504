// Package devserver builds a gowasm web app into a directory and serves it
// for development: the engine behind `gowasm serve` and `make run`.
package devserver

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gowasm/gowasm/tools/internal/bind"
)

// Config says what to build.
type Config struct {
	// Root is the module root: generated main packages go under Out,
	// which must be inside it for go build.
	Root string
	// Packages are bound and compiled to PACKAGE_NAME.wasm.
	Packages []string
	// Web is the directory of the page (index.html and its scripts).
	Web string
	// Bridge is the @gowasm/bridge source directory, served at /bridge/.
	Bridge string
	// Out receives go/ (generated main packages) and www/ (the site).
	Out string
}

// Build binds and compiles every package and assembles the site in
// Out/www: the page, bridge/, gen/NAME.js and NAME.d.ts, NAME.wasm and
// the toolchain's wasm_exec.js. It returns the site directory.
func Build(cfg Config) (string, error) {
	www := filepath.Join(cfg.Out, "www")
	if err := os.RemoveAll(cfg.Out); err != nil {
		return "", err
	}
	if err := copyTree(cfg.Web, www); err != nil {
		return "", fmt.Errorf("copying the page: %w", err)
	}
	if err := copyTree(cfg.Bridge, filepath.Join(www, "bridge")); err != nil {
		return "", fmt.Errorf("copying @gowasm/bridge: %w", err)
	}
	for _, pattern := range cfg.Packages {
		files, pkg, err := bind.Generate(cfg.Root, pattern)
		if err != nil {
			return "", err
		}
		mainDir := filepath.Join(cfg.Out, "go", pkg.Name)
		if err := os.MkdirAll(mainDir, 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(mainDir, "main.go"), files["main.go"], 0o644); err != nil {
			return "", err
		}
		for _, ext := range []string{".js", ".d.ts"} {
			name := pkg.Name + ext
			if err := writeFile(filepath.Join(www, "gen", name), files[name]); err != nil {
				return "", err
			}
		}
		wasm, err := filepath.Abs(filepath.Join(www, pkg.Name+".wasm"))
		if err != nil {
			return "", err
		}
		build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./"+relTo(cfg.Root, mainDir))
		build.Dir = cfg.Root
		build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := build.CombinedOutput(); err != nil {
			return "", fmt.Errorf("go build %s: %v\n%s", pkg.Path, err, out)
		}
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	wasmExec := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")
	if err := copyFile(wasmExec, filepath.Join(www, "wasm_exec.js")); err != nil {
		return "", err
	}
	return www, nil
}

// Handler serves the site without caching, so a reload always sees the
// last build; .wasm goes out as application/wasm for streaming compiles.
func Handler(www string) http.Handler {
	files := http.FileServer(http.Dir(www))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	})
}

func relTo(base, target string) string {
	if rel, err := filepath.Rel(base, target); err == nil {
		return rel
	}
	return target
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if d.Name() == "node_modules" || (strings.HasPrefix(d.Name(), ".") && rel != ".") {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		return copyFile(path, filepath.Join(dst, rel))
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
