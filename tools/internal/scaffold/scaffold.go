// Package scaffold writes a new gowasm project: a Go package with
// exported functions and a React page that calls them through
// @gowasm/bridge, built either by gowasm itself (a Makefile whose `make
// run` serves it) or by Vite with @gowasm/vite (npm run dev).
package scaffold

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/gowasm/gowasm/web/bridge"
	"github.com/gowasm/gowasm/web/vite"
)

//go:embed template
var templates embed.FS

// Templates are the kinds of project New writes; the first is the default.
var Templates = []string{"default", "vite-react", "goapp"}

// Pinned versions of what the projects' package.json install.
var versions = map[string]string{
	"react": "19.3.1", "react-dom": "19.3.1", "@types/react": "19.3.0", "@types/react-dom": "19.3.0",
	"vite": "8.3.8", "@vitejs/plugin-react": "6.3.0", "typescript": "5.9.3",
}

// Options of a new project.
type Options struct {
	// Gowasm is the directory of the gowasm module the project builds
	// with, wired in through a go.mod replace directive until gowasm is
	// published.
	Gowasm string
	// Template is one of Templates; "" is the default.
	Template string
}

var validName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// New writes the project into dir, which must not exist or be empty,
// then resolves its Go modules (go mod tidy).
func New(dir string, opts Options) error {
	name := filepath.Base(dir)
	if !validName.MatchString(name) {
		return fmt.Errorf("project name %q: use lower-case letters, digits and dashes", name)
	}
	if opts.Template == "" {
		opts.Template = Templates[0]
	}
	if !slices.Contains(Templates, opts.Template) {
		return fmt.Errorf("no template %q; the templates are %s", opts.Template, strings.Join(Templates, ", "))
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s exists and is not empty", dir)
	}
	gowasm, err := filepath.Abs(opts.Gowasm)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(gowasm, "wasmbridge")); err != nil {
		return fmt.Errorf("%s is not the gowasm module (no wasmbridge/): %w", gowasm, err)
	}
	for _, part := range []string{"common", opts.Template} {
		if err := writeTemplate(dir, "template/"+part, name); err != nil {
			return err
		}
	}
	var pkg map[string]any
	if opts.Template == "vite-react" {
		pkg, err = viteProject(dir, name)
	} else {
		pkg, err = gowasmProject(dir, name)
	}
	if err != nil {
		return err
	}
	data, _ := json.MarshalIndent(pkg, "", "  ")
	if err := write(filepath.Join(dir, "package.json"), data); err != nil {
		return err
	}
	goApp := ""
	if opts.Template == "goapp" {
		goApp = "\nrequire github.com/maxence-charriere/go-app/v9 v9.8.0\n"
	}
	goMod := fmt.Sprintf(`module example.com/%s

go 1.26

require github.com/gowasm/gowasm v0.0.0
`+goApp+`
replace github.com/gowasm/gowasm => %s

tool github.com/gowasm/gowasm/tools/cmd/gowasm
`, name, gowasm)
	if err := write(filepath.Join(dir, "go.mod"), []byte(goMod)); err != nil {
		return err
	}
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir = dir
	if out, err := tidy.CombinedOutput(); err != nil {
		return errors.New("go mod tidy in the new project: " + strings.TrimSpace(string(out)))
	}
	return nil
}

// writeTemplate copies the template files under root into dir, with
// {{NAME}} replaced by the project's name.
func writeTemplate(dir, root, name string) error {
	return fs.WalkDir(templates, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := templates.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/")
		if rel == "gitignore" {
			rel = ".gitignore" // embed skips dotfiles
		}
		// Go files that import the project's own packages are templates
		// (x.go.tmpl): in this module they would not compile.
		rel = strings.TrimSuffix(rel, ".tmpl")
		if strings.HasSuffix(rel, ".png") {
			return write(filepath.Join(dir, rel), data)
		}
		text := strings.NewReplacer("{{NAME}}", name, "{{MODULE}}", "example.com/"+name).Replace(string(data))
		return write(filepath.Join(dir, rel), []byte(text))
	})
}

// gowasmProject vendors the bridge into web/bridge, installed from there,
// for a project that gowasm builds.
func gowasmProject(dir, name string) (map[string]any, error) {
	err := os.CopyFS(filepath.Join(dir, "web", "bridge"), bridge.Files)
	return map[string]any{
		"name": name, "private": true, "type": "module",
		"dependencies": map[string]string{
			"@gowasm/bridge": "file:web/bridge",
			"react":          versions["react"], "react-dom": versions["react-dom"],
		},
	}, err
}

// viteProject vendors @gowasm/bridge and @gowasm/vite as the tarballs npm
// pack would make, installed from there as from a registry, for a
// project that Vite builds.
func viteProject(dir, name string) (map[string]any, error) {
	tarball := func(files fs.FS) (string, error) {
		var pkg struct{ Name, Version string }
		data, err := fs.ReadFile(files, "package.json")
		if err != nil {
			return "", err
		}
		if err := json.Unmarshal(data, &pkg); err != nil {
			return "", err
		}
		tgz, err := npmPack(files)
		if err != nil {
			return "", err
		}
		// Not vendor/, which go would take for vendored Go modules.
		file := path.Join("npm-packages", strings.ReplaceAll(strings.TrimPrefix(pkg.Name, "@"), "/", "-")+"-"+pkg.Version+".tgz")
		return "file:" + file, write(filepath.Join(dir, file), tgz)
	}
	bridgeTGZ, err := tarball(bridge.Files)
	if err != nil {
		return nil, err
	}
	viteTGZ, err := tarball(vite.Files)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"name": name, "private": true, "version": "0.0.0", "type": "module",
		"scripts": map[string]string{"dev": "vite", "build": "vite build && tsc", "preview": "vite preview"},
		"dependencies": map[string]string{
			"@gowasm/bridge": bridgeTGZ, "react": versions["react"], "react-dom": versions["react-dom"],
		},
		"devDependencies": map[string]string{
			"@gowasm/vite": viteTGZ, "@types/react": versions["@types/react"], "@types/react-dom": versions["@types/react-dom"],
			"@vitejs/plugin-react": versions["@vitejs/plugin-react"], "typescript": versions["typescript"], "vite": versions["vite"],
		},
	}, nil
}

// npmPack makes the tarball npm pack would of files: each under package/,
// gzipped, dated the same day so that it is reproducible.
func npmPack(files fs.FS) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	epoch := time.Date(1985, 10, 26, 8, 15, 0, 0, time.UTC) // npm's own fixed date
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: "package/" + p, Mode: 0o644, Size: int64(len(data)), ModTime: epoch, Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func write(p string, content []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, content, 0o644)
}
