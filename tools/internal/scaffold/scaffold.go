// Package scaffold writes a new gowasm project: a Go package with
// exported functions, a React page that calls them through
// @gowasm/bridge, and a Makefile whose `make run` serves it.
package scaffold

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gowasm/gowasm/web/bridge"
)

//go:embed template
var template embed.FS

// Pinned versions of what the project's package.json installs.
const (
	reactVersion = "19.3.1"
)

// Options of a new project.
type Options struct {
	// Gowasm is the directory of the gowasm module the project builds
	// with, wired in through a go.mod replace directive until gowasm is
	// published.
	Gowasm string
}

var validName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// New writes the project into dir, which must not exist or be empty,
// then resolves its Go modules (go mod tidy).
func New(dir string, opts Options) error {
	name := filepath.Base(dir)
	if !validName.MatchString(name) {
		return fmt.Errorf("project name %q: use lower-case letters, digits and dashes", name)
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
	err = fs.WalkDir(template, "template", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := template.ReadFile(path)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(path, "template/")
		if rel == "gitignore" {
			rel = ".gitignore" // embed skips dotfiles
		}
		return write(filepath.Join(dir, rel), strings.ReplaceAll(string(data), "{{NAME}}", name))
	})
	if err != nil {
		return err
	}
	// The bridge, vendored like wasm_exec.js, and installed from there.
	err = fs.WalkDir(bridge.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := bridge.Files.ReadFile(path)
		if err != nil {
			return err
		}
		return write(filepath.Join(dir, "web", "bridge", path), string(data))
	})
	if err != nil {
		return err
	}
	pkg, _ := json.MarshalIndent(map[string]any{
		"name":    name,
		"private": true,
		"type":    "module",
		"dependencies": map[string]string{
			"@gowasm/bridge": "file:web/bridge",
			"react":          reactVersion,
			"react-dom":      reactVersion,
		},
	}, "", "  ")
	if err := write(filepath.Join(dir, "package.json"), string(pkg)+"\n"); err != nil {
		return err
	}
	goMod := fmt.Sprintf(`module example.com/%s

go 1.26

require github.com/gowasm/gowasm v0.0.0

replace github.com/gowasm/gowasm => %s

tool github.com/gowasm/gowasm/tools/cmd/gowasm
`, name, gowasm)
	if err := write(filepath.Join(dir, "go.mod"), goMod); err != nil {
		return err
	}
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir = dir
	if out, err := tidy.CombinedOutput(); err != nil {
		return errors.New("go mod tidy in the new project: " + strings.TrimSpace(string(out)))
	}
	return nil
}

func write(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}
