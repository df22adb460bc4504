package build

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gowasm/gowasm/tools/internal/bind"
)

// GoAppPath is the URL path a go-app page is served under.
const GoAppPath = "goapp"

// goApp builds a go-app v9 main package into Out/goapp/: its wasm
// (web/app.wasm, go-app's fixed name) compiled without go-app's server
// code, then the package run natively to write its static pages
// (app.GenerateStaticWebsite behind its -static flag), with the site's
// stylesheet and a version that changes with the wasm, which names the
// service worker's cache.
func (b *builder) goApp(pkg string) (Module, error) {
	dir := filepath.Join(b.opts.Out, GoAppPath)
	wasm := filepath.Join(dir, "web", "app.wasm")
	if err := os.MkdirAll(filepath.Dir(wasm), 0o755); err != nil {
		return Module{}, err
	}
	modfile, err := goAppModfile(b.opts.Root, filepath.Join(b.opts.Work, "goapp"))
	if err != nil {
		return Module{}, err
	}
	compile := func(out string, flags ...string) error {
		args := append([]string{"build", "-trimpath"}, flags...)
		if modfile != "" {
			args = append(args, "-modfile", modfile)
		}
		if out, err := wasmGo(b.opts.Root, bind.TargetJS, append(args, "-o", out, pkg)...).CombinedOutput(); err != nil {
			return &CompileError{Root: b.opts.Root, Target: bind.TargetJS, Output: strings.TrimSpace(string(out))}
		}
		return nil
	}
	abs, err := filepath.Abs(wasm)
	if err != nil {
		return Module{}, err
	}
	if err := compile(abs, "-ldflags=-s -w"); err != nil {
		return Module{}, err
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return Module{}, err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return Module{}, err
	}
	gen := exec.Command("go", "run", pkg, "-static", absDir, "-style", b.urls["main.css"], "-version", contentHash(data))
	gen.Dir = b.opts.Root
	if out, err := gen.CombinedOutput(); err != nil {
		return Module{}, fmt.Errorf("writing the pages of %s: %v\n%s", pkg, err, out)
	}
	if modfile != "" { // go-app v9.8.0, whose app.js this knows
		if err := deferGoAppWorker(filepath.Join(dir, "app.js")); err != nil {
			return Module{}, err
		}
	}
	m := Module{Package: pkg, Path: GoAppPath + "/web/app.wasm"}
	if b.opts.Production {
		symbols, err := filepath.Abs(filepath.Join(b.opts.Work, "size", "goapp.wasm"))
		if err != nil {
			return Module{}, err
		}
		if err := compile(symbols); err != nil {
			return Module{}, err
		}
		report, err := goAppSize(b.opts.Root, pkg, modfile, symbols)
		if err != nil {
			return Module{}, err
		}
		report.Package, report.Path = m.Package, m.Path
		m = report
	}
	return m, nil
}

// goAppStart is how go-app v9.8.0's app.js starts the page, and
// goAppStartDeferred how deferGoAppWorker rewrites it.
const (
	goAppStart = "goappInitServiceWorker();\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly();\n"

	goAppStartDeferred = "goappWatchForUpdate();\ngoappWatchForInstallable();\n" +
		"// gowasm build: the service worker registers once Go has started, when the page is idle.\n" +
		"goappInitWebAssembly().finally(() => (window.requestIdleCallback ?? setTimeout)(goappInitServiceWorker, { timeout: 3000 }));\n"
)

// deferGoAppWorker rewrites go-app's app.js to register its service
// worker once the page's Go has started, in an idle moment, instead of
// first thing. Installing the worker downloads app.wasm a second time and
// caches every resource of the page: on a first visit that competed with
// the page's own start (/goapp/'s first result, cold, loopback, medians
// of 6 fresh browsers: 395 ms against 313 deferred).
func deferGoAppWorker(path string) error {
	js, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if strings.Count(string(js), goAppStart) != 1 {
		return fmt.Errorf("%s: go-app %s's app.js no longer starts with %q", path, goAppVersion, goAppStart)
	}
	return os.WriteFile(path, []byte(strings.Replace(string(js), goAppStart, goAppStartDeferred, 1)), 0o644)
}

// goAppVersion is the go-app release goAppModfile knows how to trim.
const goAppVersion = "v9.8.0"

// goAppModfile writes, under work, a copy of go-app v9.8.0 without its
// server code in wasm builds, and a go.mod (for go build -modfile) that
// is the module's own plus a replace of go-app by that copy. The copy
// gives go-app's Handler (net/http, text/template, crypto/sha1, and
// through net/http crypto/tls and x509) and its resource providers the
// build constraint !wasm, and moves the two small helpers the browser's
// code shares with them to its wasm.go, dropping the stub of the
// server-only GenerateStaticWebsite there. go-app's users have asked for
// this (go-app#995, #1076); it takes about 1.75 MB raw, 0.35 MB brotli,
// off the module. (Go refuses an -overlay of files in the module cache.)
// For another go-app version it returns "": the module is built as
// go-app ships it.
func goAppModfile(root, work string) (string, error) {
	cmd := exec.Command("go", "list", "-m", "-json", "github.com/maxence-charriere/go-app/v9")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -m github.com/maxence-charriere/go-app/v9 in %s: %w", root, err)
	}
	var mod struct{ Version, Dir string }
	if err := json.Unmarshal(out, &mod); err != nil {
		return "", err
	}
	if mod.Version != goAppVersion || mod.Dir == "" {
		return "", nil
	}
	trimmed, err := filepath.Abs(filepath.Join(work, "go-app-"+goAppVersion+"-trimmed"))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(trimmed); err != nil {
		if err := trimGoApp(mod.Dir, trimmed); err != nil {
			return "", err
		}
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	// Not go.mod: that would make work a module of its own to go tools.
	modfile, err := filepath.Abs(filepath.Join(work, "goapp.mod"))
	if err != nil {
		return "", err
	}
	gomod = append(gomod, "\nreplace github.com/maxence-charriere/go-app/v9 => "+trimmed+"\n"...)
	if err := os.WriteFile(modfile, gomod, 0o644); err != nil {
		return "", err
	}
	return modfile, os.WriteFile(strings.TrimSuffix(modfile, ".mod")+".sum", gosum, 0o644)
}

// trimGoApp copies go-app's module from src to dst, then edits the
// files that hold its server code.
func trimGoApp(src, dst string) error {
	tmp := dst + ".tmp"
	os.RemoveAll(tmp)
	if err := os.CopyFS(tmp, os.DirFS(src)); err != nil {
		return err
	}
	app := filepath.Join(tmp, "pkg", "app")
	edits := map[string]func(string) (string, bool){
		"http.go":     serverOnly,
		"resource.go": serverOnly,
		"wasm.go": func(s string) (string, bool) {
			stub := "func GenerateStaticWebsite(dir string, h *Handler, pages ...string) error {\n\tpanic(errBadInstruction)\n}\n"
			if !strings.Contains(s, stub) || !strings.Contains(s, "import (\n") {
				return "", false
			}
			s = strings.Replace(s, stub, "", 1)
			s = strings.Replace(s, "import (\n", "import (\n\t\"strings\"\n", 1)
			return s + `
func isRemoteLocation(path string) bool {
	return strings.HasPrefix(path, "https://") ||
		strings.HasPrefix(path, "http://")
}

func isStaticResourcePath(path string) bool {
	return strings.HasPrefix(path, "/web/") ||
		strings.HasPrefix(path, "web/")
}
`, true
		},
	}
	for name, edit := range edits {
		path := filepath.Join(app, name)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		edited, ok := edit(string(data))
		if !ok {
			return fmt.Errorf("%s is not the file of go-app %s that gowasm trims", filepath.Join(src, "pkg", "app", name), goAppVersion)
		}
		if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
			return err
		}
	}
	return os.Rename(tmp, dst)
}

// serverOnly gives a file of go-app's the build constraint !wasm.
func serverOnly(s string) (string, bool) {
	if strings.HasPrefix(s, "//go:build") {
		return "", false
	}
	return "//go:build !wasm\n\n" + s, true
}

// goAppSize reports where the code of the go-app module, built with
// symbols into wasm, comes from.
func goAppSize(root, pkg, modfile, wasm string) (Module, error) {
	args := []string{"list", "-deps", "-f", "{{.ImportPath}}"}
	if modfile != "" {
		args = append(args, "-modfile", modfile)
	}
	out, err := wasmGo(root, bind.TargetJS, append(args, pkg)...).Output()
	if err != nil {
		return Module{}, fmt.Errorf("go list -deps %s: %w", pkg, err)
	}
	return moduleSize(wasm, strings.Fields(string(out)))
}
