// Package build produces a deployable site from Go packages and a web
// directory: wasm modules compiled from the generated main packages, JS
// bundled by esbuild's Go API, content-hashed names, index.html rendered
// from its template, precompressed siblings, and a size report that says
// which Go packages make a module big.
package build

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/gowasm/gowasm/tools/internal/compress"
	"github.com/gowasm/gowasm/tools/internal/wasmsize"
)

// Options says what to build and how.
type Options struct {
	// Root is the Go module root; Work must be inside it for go build.
	Root string
	// Packages are bound with gowasm bind and compiled to wasm.
	Packages []string
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
	if err := os.MkdirAll(filepath.Join(opts.Out, "assets"), 0o755); err != nil {
		return nil, err
	}
	b := &builder{opts: opts, urls: map[string]string{}, sources: map[string]string{}, hashed: map[string]bool{}}
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
	gen     map[string]string // package name → directory of NAME.js, NAME.d.ts, NAME.wasm
	urls    map[string]string // name used in the template → URL
	sources map[string]string // output path → source file
	hashed  map[string]bool   // output paths named by their content
}

// compileGo binds every package and compiles its module twice: stripped
// for the site, and with symbols for the size report.
func (b *builder) compileGo() ([]Module, error) {
	b.gen = map[string]string{}
	var modules []Module
	for _, pattern := range b.opts.Packages {
		bound, err := Bind(b.opts.Root, pattern, filepath.Join(b.opts.Work, "go"))
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
	module, err := os.ReadFile(wasm)
	if err != nil {
		return Module{}, err
	}
	r, err := wasmsize.Analyze(module, paths)
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
	name := "assets/wasm_exec-" + contentHash(data) + ".js"
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

// page bundles the entry points that index.html names and renders it.
func (b *builder) page() error {
	src, err := os.ReadFile(filepath.Join(b.opts.Web, "index.html"))
	if err != nil {
		return err
	}
	// Names that are files become entry points; the others must be
	// outputs of the build, e.g. "main.css", the CSS that main.js imports.
	var entries []string
	collect := template.FuncMap{"asset": func(name string) string {
		_, known := b.urls[name]
		info, err := os.Stat(filepath.Join(b.opts.Web, name))
		if !known && err == nil && !info.IsDir() && !slices.Contains(entries, name) {
			entries = append(entries, name)
		}
		return ""
	}}
	tmpl, err := template.New("index.html").Funcs(collect).Parse(string(src))
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(b.opts.Web, "index.html"), err)
	}
	if err := tmpl.Execute(discard{}, nil); err != nil {
		return err
	}
	if err := b.bundle(entries); err != nil {
		return err
	}
	var missing []string
	tmpl.Funcs(template.FuncMap{"asset": func(name string) string {
		url, ok := b.urls[name]
		if !ok {
			missing = append(missing, name)
		}
		return url
	}})
	var html strings.Builder
	if err := tmpl.Execute(&html, nil); err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("index.html: no asset for %q", missing)
	}
	b.sources["index.html"] = filepath.Join(b.opts.Web, "index.html")
	return os.WriteFile(filepath.Join(b.opts.Out, "index.html"), []byte(html.String()), 0o644)
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// bundle runs esbuild over the entries: ES modules, code splitting,
// content-hashed names, wasm and images through the file loader.
func (b *builder) bundle(entries []string) error {
	if len(entries) == 0 {
		return nil
	}
	web, err := filepath.Abs(b.opts.Web)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(b.opts.Out)
	if err != nil {
		return err
	}
	opts := b.esbuildOptions(web, out, entries)
	opts.Splitting = true
	opts.ChunkNames = "assets/chunk-[hash]"
	opts.AssetNames = "assets/[name]-[hash]"
	opts.PublicPath = b.opts.Base
	opts.JSX = api.JSXAutomatic
	// Libraries such as React pick their production build from this.
	opts.Define = map[string]string{"process.env.NODE_ENV": nodeEnv(b.opts.Production)}
	opts.Loader = map[string]api.Loader{
		".wasm": api.LoaderFile, ".png": api.LoaderFile, ".svg": api.LoaderFile,
		".jpg": api.LoaderFile, ".webp": api.LoaderFile, ".woff2": api.LoaderFile,
	}
	opts.Plugins = []api.Plugin{b.gowasmImports()}
	result := api.Build(opts)
	if len(result.Errors) > 0 {
		return esbuildError(b.opts.Web, result.Errors)
	}
	var meta struct {
		Outputs map[string]struct {
			EntryPoint string `json:"entryPoint"`
			CSSBundle  string `json:"cssBundle"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(result.Metafile), &meta); err != nil {
		return err
	}
	outputs := slices.Sorted(maps.Keys(meta.Outputs)) // a stable order for the checks below
	for _, output := range outputs {
		o := meta.Outputs[output]
		rel := filepath.ToSlash(mustRel(out, filepath.Join(web, output)))
		b.hashed[rel] = true
		if o.EntryPoint == "" {
			continue
		}
		if err := b.addURL(o.EntryPoint, rel); err != nil {
			return err
		}
		b.sources[rel] = filepath.Join(b.opts.Web, o.EntryPoint)
		if o.CSSBundle != "" {
			css := filepath.ToSlash(mustRel(out, filepath.Join(web, o.CSSBundle)))
			// The CSS that an entry imports, named after it: main.js → main.css.
			if err := b.addURL(strings.TrimSuffix(o.EntryPoint, path.Ext(o.EntryPoint))+".css", css); err != nil {
				return err
			}
		}
	}
	return nil
}

// esbuildOptions are what the page's bundle and the worker's share:
// ES modules for the browser, content-hashed names under assets/, minified
// in production, and a metafile to find the outputs by.
func (b *builder) esbuildOptions(workDir, out string, entries []string) api.BuildOptions {
	return api.BuildOptions{
		AbsWorkingDir:     workDir,
		EntryPoints:       entries,
		Bundle:            true,
		Format:            api.FormatESModule,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2022,
		Outdir:            out,
		EntryNames:        "assets/[name]-[hash]",
		MinifyWhitespace:  b.opts.Production,
		MinifyIdentifiers: b.opts.Production,
		MinifySyntax:      b.opts.Production,
		Metafile:          true,
		Write:             true,
		LogLevel:          api.LogLevelSilent,
	}
}

// addURL names an output for {{asset}}; two outputs may not share a name.
func (b *builder) addURL(name, rel string) error {
	if prev, ok := b.urls[name]; ok && prev != b.opts.Base+rel {
		return fmt.Errorf("index.html: {{asset %q}} is ambiguous: both %s and %s", name, prev, b.opts.Base+rel)
	}
	b.urls[name] = b.opts.Base + rel
	return nil
}

func nodeEnv(production bool) string {
	if production {
		return `"production"`
	}
	return `"development"`
}

// gowasmImports resolves "gowasm:NAME" to the binding of bound package
// NAME, and "gowasm:NAME.wasm" to a module whose default export is the
// module's hashed URL (through the file loader) and whose size export is
// its byte length, the total for download progress of a compressed
// response. It also points @gowasm/bridge's worker-url.js at the worker
// bundle it writes, which esbuild cannot find from new URL(…,
// import.meta.url).
func (b *builder) gowasmImports() api.Plugin {
	return api.Plugin{Name: "gowasm", Setup: func(pb api.PluginBuild) {
		pb.OnResolve(api.OnResolveOptions{Filter: `^gowasm:`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			spec := strings.TrimPrefix(args.Path, "gowasm:")
			name := strings.TrimSuffix(spec, ".wasm")
			dir, ok := b.gen[name]
			if !ok {
				var bound []string
				for n := range b.gen {
					bound = append(bound, n)
				}
				sort.Strings(bound)
				return api.OnResolveResult{}, fmt.Errorf("no bound Go package is named %s (bound: %s)", name, strings.Join(bound, ", "))
			}
			if strings.HasSuffix(spec, ".wasm") {
				abs, err := filepath.Abs(filepath.Join(dir, name+".wasm"))
				return api.OnResolveResult{Path: abs, Namespace: "gowasm-wasm"}, err
			}
			abs, err := filepath.Abs(filepath.Join(dir, name+".js"))
			return api.OnResolveResult{Path: abs}, err
		})
		pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "gowasm-wasm"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			info, err := os.Stat(args.Path)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			contents := fmt.Sprintf("import url from %s;\nexport default url;\nexport const size = %d;\n", jsonString(args.Path), info.Size())
			return api.OnLoadResult{Contents: &contents, ResolveDir: filepath.Dir(args.Path), Loader: api.LoaderJS}, nil
		})
		pb.OnResolve(api.OnResolveOptions{Filter: `^\./worker-url\.js$`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			dir := filepath.Dir(args.Importer)
			if !isBridge(dir) {
				return api.OnResolveResult{}, nil // someone else's worker-url.js
			}
			return api.OnResolveResult{Path: filepath.Join(dir, "worker.js"), Namespace: "gowasm-worker"}, nil
		})
		pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "gowasm-worker"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			url, err := b.bundleWorker(args.Path)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			contents := fmt.Sprintf("export default new URL(%s, import.meta.url);\n", jsonString(url))
			return api.OnLoadResult{Contents: &contents, Loader: api.LoaderJS}, nil
		})
	}}
}

// isBridge reports whether dir holds the @gowasm/bridge package.
func isBridge(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return false
	}
	var pkg struct{ Name string }
	return json.Unmarshal(data, &pkg) == nil && pkg.Name == "@gowasm/bridge"
}

// bundleWorker writes the bundle of @gowasm/bridge's worker.js (the code
// each worker of worker and pool modes runs) and returns its URL.
func (b *builder) bundleWorker(entry string) (string, error) {
	out, err := filepath.Abs(b.opts.Out)
	if err != nil {
		return "", err
	}
	result := api.Build(b.esbuildOptions(out, out, []string{entry}))
	if len(result.Errors) > 0 {
		return "", esbuildError(filepath.Dir(entry), result.Errors)
	}
	var meta struct {
		Outputs map[string]json.RawMessage `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(result.Metafile), &meta); err != nil {
		return "", err
	}
	for rel := range meta.Outputs { // relative to out, the working directory
		if strings.HasSuffix(rel, ".js") {
			b.hashed[rel] = true
			b.sources[rel] = entry
			return b.opts.Base + rel, nil
		}
	}
	return "", fmt.Errorf("bundling %s wrote no JavaScript", entry)
}

// esbuildError formats esbuild's messages with paths as the user wrote
// them: esbuild's are relative to web, the entry points' directory.
func esbuildError(web string, messages []api.Message) error {
	var errs []error
	for _, m := range messages {
		if l := m.Location; l != nil {
			errs = append(errs, fmt.Errorf("%s:%d:%d: %s", filepath.Join(web, l.File), l.Line, l.Column+1, m.Text))
		} else {
			errs = append(errs, errors.New(m.Text))
		}
	}
	return errors.Join(errs...)
}

// copyPublic copies public/ under fixed names. It may not shadow what the
// build writes: index.html is rendered, and assets/ holds hashed files
// that are cached forever.
func (b *builder) copyPublic() error {
	public := filepath.Join(b.opts.Web, "public")
	for _, reserved := range []string{"index.html", "assets", ManifestName} {
		if _, err := os.Stat(filepath.Join(public, reserved)); err == nil {
			return fmt.Errorf("%s: public/ may not contain %s, which the build writes", filepath.Join(public, reserved), reserved)
		}
	}
	if err := copyTree(public, b.opts.Out); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
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

func mustRel(base, target string) string {
	rel, err := filepath.Rel(base, target)
	if err != nil {
		return target
	}
	return rel
}

func copyTree(src, dst string) error {
	if _, err := os.Stat(src); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, mustRel(src, p))
		if strings.HasPrefix(d.Name(), ".") && p != src {
			// Dotfiles (.DS_Store, .env, .git) never ship.
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// jsonString is s as a JavaScript string literal.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
