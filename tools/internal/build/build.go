// Package build produces a deployable site from Go packages and a web
// directory: wasm modules compiled from the generated main packages, JS
// bundled by esbuild's Go API, content-hashed names, index.html rendered
// from its template, precompressed siblings, and a size report that says
// which Go packages make a module big.
package build

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gowasm/gowasm/tools/internal/compress"
	"github.com/gowasm/gowasm/tools/internal/wasmsize"
)

// Options says what to build and how.
type Options struct {
	// Root is the Go module root; Work must be inside it for go build.
	Root string
	// Packages are bound with gowasm bind and compiled to wasm.
	Packages []string
	// GoApp, when set, is a go-app v9 main package: its page is built into
	// goapp/, served under /goapp/ (see goapp.go).
	GoApp string
	// Web holds index.html (a template), the JS/TS/CSS it names with
	// {{asset "file"}}, and public/, copied as is under fixed names.
	Web string
	// Out receives the site; it is emptied first.
	Out string
	// Work receives generated main packages and bindings.
	Work string
	// Base is the URL path the site is served under; default "/".
	Base string
	// Production minifies JS and CSS, writes .gz and .br siblings and
	// analyses each module's size.
	Production bool
}

// Asset is one file of the site.
type Asset struct {
	Path   string `json:"path"`             // relative to Out, slash-separated
	Source string `json:"source,omitempty"` // the file it came from, when one did
	Hashed bool   `json:"hashed"`           // content-hashed, so cacheable forever
	Raw    int    `json:"raw"`
	Gzip   int    `json:"gzip,omitempty"`   // size of Path.gz, when written
	Brotli int    `json:"brotli,omitempty"` // size of Path.br, when written
}

// Module is a wasm module and where its code comes from.
type Module struct {
	Package  string                 `json:"package"`
	Path     string                 `json:"path"`
	Code     int                    `json:"code"`
	Data     int                    `json:"data"`
	Packages []wasmsize.PackageSize `json:"packages"`
}

// Result is what a build wrote. It is also the manifest, ManifestName.
type Result struct {
	Assets  []Asset  `json:"assets"`
	Modules []Module `json:"modules"`
}

// ManifestName is the manifest written into Out.
const ManifestName = "asset-manifest.json"

// AssetsDir is the directory of Out that holds the content-hashed files,
// which servers let browsers cache forever.
const AssetsDir = "assets"

// Build runs the whole pipeline. Errors from the Go compiler and from
// esbuild carry their file:line:col.
func Build(opts Options) (*Result, error) {
	if opts.Base == "" {
		opts.Base = "/"
	}
	if err := checkOut(opts); err != nil {
		return nil, err
	}
	if !strings.HasSuffix(opts.Base, "/") {
		opts.Base += "/"
	}
	if err := os.RemoveAll(opts.Out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(opts.Out, AssetsDir), 0o755); err != nil {
		return nil, err
	}
	b := &builder{opts: opts, urls: map[string]string{}, sources: map[string]string{}, hashed: map[string]bool{}, imports: map[string][]string{}}
	modules, err := b.compileGo()
	if err != nil {
		return nil, err
	}
	if err := b.copyWasmExec(); err != nil {
		return nil, err
	}
	if err := b.page(); err != nil {
		return nil, err
	}
	if opts.GoApp != "" {
		m, err := b.goApp(opts.GoApp)
		if err != nil {
			return nil, err
		}
		modules = append(modules, m)
	}
	if err := b.copyPublic(); err != nil {
		return nil, err
	}
	var siblings map[string]compress.Sibling
	if opts.Production {
		list, err := compress.Dir(opts.Out)
		if err != nil {
			return nil, err
		}
		siblings = map[string]compress.Sibling{}
		for _, s := range list {
			siblings[s.Path] = s
		}
	}
	result := &Result{Modules: modules}
	err = filepath.WalkDir(opts.Out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(mustRel(opts.Out, p))
		s := siblings[p]
		result.Assets = append(result.Assets, Asset{
			Path: rel, Source: b.sources[rel], Hashed: b.hashed[rel],
			Raw: int(info.Size()), Gzip: s.Gzip, Brotli: s.Br,
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	manifest, err := json.MarshalIndent(result, "", "  ")
	if err != nil {
		return nil, err
	}
	return result, os.WriteFile(filepath.Join(opts.Out, ManifestName), append(manifest, '\n'), 0o644)
}

type builder struct {
	opts    Options
	gen     map[string]string   // package name → directory of NAME.js, NAME.d.ts, NAME.wasm
	urls    map[string]string   // name used in the template → URL
	sources map[string]string   // output path → source file
	pages   []string            // the rendered pages: index.html, NAME/index.html
	hashed  map[string]bool     // output paths named by their content
	imports map[string][]string // output path → the outputs it imports statically
}

// checkOut refuses an output directory that would delete sources: Build
// empties it first.
func checkOut(opts Options) error {
	out, err := filepath.Abs(opts.Out)
	if err != nil {
		return err
	}
	for _, src := range []string{opts.Root, opts.Web} {
		abs, err := filepath.Abs(src)
		if err != nil {
			return err
		}
		if out == abs || strings.HasPrefix(abs+string(filepath.Separator), out+string(filepath.Separator)) ||
			(src == opts.Web && strings.HasPrefix(out, abs+string(filepath.Separator))) {
			return fmt.Errorf("output directory %s would overwrite the sources in %s; choose another", opts.Out, src)
		}
	}
	return nil
}
