package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

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
	opts.ChunkNames = AssetsDir + "/chunk-[hash]"
	opts.AssetNames = AssetsDir + "/[name]-[hash]"
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
			Imports    []struct {
				Path string `json:"path"`
				Kind string `json:"kind"`
			} `json:"imports"`
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
		for _, imp := range o.Imports {
			if imp.Kind == "import-statement" {
				b.imports[rel] = append(b.imports[rel], filepath.ToSlash(mustRel(out, filepath.Join(web, imp.Path))))
			}
		}
		if name, ok := b.boundModule(rel); ok {
			// What {{preload "NAME.wasm"}} names.
			if err := b.addURL(name, rel); err != nil {
				return err
			}
		}
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

// boundModule reports whether the output rel is the module of a bound
// package, assets/NAME-HASH.wasm (AssetNames), and returns NAME.wasm.
func (b *builder) boundModule(rel string) (string, bool) {
	base, ok := strings.CutPrefix(rel, AssetsDir+"/")
	if !ok || !strings.HasSuffix(base, ".wasm") {
		return "", false
	}
	hash := strings.LastIndex(base, "-")
	if hash < 0 {
		return "", false
	}
	name := base[:hash]
	if _, bound := b.gen[name]; !bound {
		return "", false
	}
	return name + ".wasm", true
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
		EntryNames:        AssetsDir + "/[name]-[hash]",
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
		b.wasmModules(pb)
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

// jsonString is s as a JavaScript string literal.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
