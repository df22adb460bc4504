package build

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/gowasm/gowasm/internal/wasmfile"
)

// wasmModules lets JavaScript import a .wasm file as a module, as the
// WebAssembly ESM integration proposal and wasm-bindgen's "bundler"
// target (Rust crates on npm, e.g. @silvia-odwyer/photon) expect:
// `import * as wasm from './x_bg.wasm'` gives the instance's exports, the
// module instantiated with its imports taken from the JavaScript modules
// it names. A .wasm counts as such a module when it imports from a
// JavaScript file beside it; any other .wasm import stays a URL (the file
// loader), as the app's own `import url from './app.wasm'` expects.
func (b *builder) wasmModules(pb api.PluginBuild) {
	pb.OnResolve(api.OnResolveOptions{Filter: `\.wasm$`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
		if args.PluginData == fileURL || args.Kind == api.ResolveEntryPoint {
			return api.OnResolveResult{}, nil
		}
		r := pb.Resolve(args.Path, api.ResolveOptions{ResolveDir: args.ResolveDir, Kind: args.Kind, PluginData: fileURL})
		if len(r.Errors) > 0 || r.Path == "" {
			return api.OnResolveResult{}, nil // esbuild reports it
		}
		m, err := readWasmModule(r.Path)
		if err != nil || m == nil {
			return api.OnResolveResult{}, err
		}
		return api.OnResolveResult{Path: r.Path, Namespace: "gowasm-wasm-module", PluginData: m}, nil
	})
	// The URL of the module's bytes, through the file loader.
	pb.OnResolve(api.OnResolveOptions{Filter: `\.wasm\?url$`, Namespace: "gowasm-wasm-module"}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
		return api.OnResolveResult{Path: filepath.Join(args.ResolveDir, strings.TrimSuffix(args.Path, "?url"))}, nil
	})
	pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "gowasm-wasm-module"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
		m := args.PluginData.(*wasmModule)
		var js strings.Builder
		var modules []string // the import modules, in the order of their first import: a reproducible bundle
		for _, im := range m.imports {
			if !slices.Contains(modules, im.Module) {
				fmt.Fprintf(&js, "import * as imports%d from %s;\n", len(modules), jsonString(im.Module))
				modules = append(modules, im.Module)
			}
		}
		fmt.Fprintf(&js, "import url from %s;\n", jsonString("./"+filepath.Base(args.Path)+"?url"))
		js.WriteString("const imports = {")
		for i, module := range modules {
			fmt.Fprintf(&js, " %s: imports%d,", jsonString(module), i)
		}
		js.WriteString(" };\n")
		// Not instantiateStreaming: a server that sends another MIME type
		// than application/wasm would break it.
		js.WriteString("const { instance } = await WebAssembly.instantiate(await (await fetch(url)).arrayBuffer(), imports);\n")
		for i, e := range m.exports {
			fmt.Fprintf(&js, "const export%d = instance.exports[%s];\nexport { export%d as %s };\n", i, jsonString(e.Name), i, jsonString(e.Name))
		}
		contents := js.String()
		return api.OnLoadResult{Contents: &contents, ResolveDir: filepath.Dir(args.Path), Loader: api.LoaderJS}, nil
	})
}

// fileURL marks a resolution that must give the file's URL.
const fileURL = "gowasm:file-url"

// wasmModule is the interface of a .wasm file imported as a module.
type wasmModule struct {
	imports []wasmfile.Import
	exports []wasmfile.Export
}

// readWasmModule reads the wasm file at path, and returns its interface
// when it imports from a JavaScript file beside it, nil otherwise (or
// when it is no module we can read: the file loader copies it then).
func readWasmModule(path string) (*wasmModule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	imports, exports, err := wasmfile.Interface(data)
	if err != nil {
		return nil, nil
	}
	for _, im := range imports {
		if strings.HasPrefix(im.Module, "./") && strings.HasSuffix(im.Module, ".js") {
			if _, err := os.Stat(filepath.Join(filepath.Dir(path), im.Module)); err == nil {
				return &wasmModule{imports, exports}, nil
			}
		}
	}
	return nil, nil
}
