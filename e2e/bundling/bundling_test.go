// Package bundling bundles @gowasm/bridge's browser entry points with the
// bundlers users have (esbuild, Rollup; Vite in e2e/vite) and checks that
// they do so without a warning and without a Node-only module: a browser
// bundle of the bridge must not name node:fs or node:worker_threads, and
// its worker must build as a classic (iife) script, which refuses
// top-level await.
package bundling

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	bridgepkg "github.com/gowasm/gowasm/web/bridge"
	vitepkg "github.com/gowasm/gowasm/web/vite"
)

var bridge = filepath.Join(harness.Root(), "web/bridge")

// nodeImport matches an import or require of a Node built-in in bundled
// code. (The bridge names node:worker_threads in a string for
// process.getBuiltinModule, which only Node runs; that is no import.)
var nodeImport = regexp.MustCompile(`(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](?:node:|fs\b|worker_threads\b)`)

func TestEsbuild(t *testing.T) {
	for entry, format := range map[string]api.Format{"index.js": api.FormatESModule, "worker.js": api.FormatIIFE} {
		result := api.Build(api.BuildOptions{
			EntryPoints: []string{filepath.Join(bridge, entry)},
			Bundle:      true,
			Format:      format,
			Platform:    api.PlatformBrowser,
			Target:      api.ES2022,
			Write:       false,
			Metafile:    true,
			LogLevel:    api.LogLevelSilent,
		})
		for _, m := range append(result.Errors, result.Warnings...) {
			t.Errorf("esbuild, %s: %s", entry, m.Text)
		}
		if len(result.Errors) > 0 {
			continue
		}
		var meta struct {
			Inputs map[string]json.RawMessage `json:"inputs"`
		}
		if err := json.Unmarshal([]byte(result.Metafile), &meta); err != nil {
			t.Fatal(err)
		}
		for input := range meta.Inputs {
			if regexp.MustCompile(`^node:|^(fs|worker_threads)$`).MatchString(input) {
				t.Errorf("esbuild, %s: the browser bundle takes in %s", entry, input)
			}
		}
		for _, f := range result.OutputFiles {
			if m := nodeImport.Find(f.Contents); m != nil {
				t.Errorf("esbuild, %s: the bundle imports a Node module: %s", entry, m)
			}
		}
	}
}

func TestRollup(t *testing.T) {
	var out struct {
		Warnings []string          `json:"warnings"`
		Outputs  map[string]string `json:"outputs"`
	}
	if err := json.Unmarshal(harness.Node(t, "js/rollup.mjs", bridge), &out); err != nil {
		t.Fatal(err)
	}
	for _, w := range out.Warnings {
		t.Errorf("rollup: %s", w)
	}
	if len(out.Outputs) != 2 {
		t.Fatalf("rollup wrote %d bundles, want 2", len(out.Outputs))
	}
	for entry, code := range out.Outputs {
		if m := nodeImport.FindString(code); m != "" {
			t.Errorf("rollup, %s: the bundle imports a Node module: %s", entry, m)
		}
	}
}

// TestPackagesCarryTheLicense: what npm packs holds the repository's
// LICENSE, the same text, beside a README.
func TestPackagesCarryTheLicense(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(harness.Root(), "LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"web/bridge", "web/vite"} {
		got, err := os.ReadFile(filepath.Join(harness.Root(), pkg, "LICENSE"))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s/LICENSE differs from the repository's LICENSE (%v)", pkg, err)
		}
		if _, err := os.Stat(filepath.Join(harness.Root(), pkg, "README.md")); err != nil {
			t.Errorf("%s has no README.md: %v", pkg, err)
		}
	}
}

// TestEmbeddedFilesAreWhatNpmPacks: the copies of the packages the CLI
// carries (gowasm new vendors them) hold exactly the files npm pack puts
// in their tarballs.
func TestEmbeddedFilesAreWhatNpmPacks(t *testing.T) {
	for dir, files := range map[string]fs.FS{"web/bridge": bridgepkg.Files, "web/vite": vitepkg.Files} {
		cmd := exec.Command("npm", "pack", "--dry-run", "--json", "--loglevel=error")
		cmd.Dir = filepath.Join(harness.Root(), dir)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("npm pack in %s: %v", dir, err)
		}
		var packs []struct{ Files []struct{ Path string } }
		if err := json.Unmarshal(out, &packs); err != nil || len(packs) != 1 {
			t.Fatalf("npm pack --json in %s: %v\n%s", dir, err, out)
		}
		var packed, embedded []string
		for _, f := range packs[0].Files {
			packed = append(packed, f.Path)
		}
		fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				embedded = append(embedded, p)
			}
			return err
		})
		slices.Sort(packed)
		slices.Sort(embedded)
		if !slices.Equal(packed, embedded) {
			t.Errorf("%s: npm packs %v; the Go package embeds %v", dir, packed, embedded)
		}
	}
}
