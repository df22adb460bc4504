package build

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// page bundles the entry points that index.html names and renders it.
func (b *builder) page() error {
	src, err := os.ReadFile(filepath.Join(b.opts.Web, "index.html"))
	if err != nil {
		return err
	}
	// Names that are files become entry points; the others must be
	// outputs of the build, e.g. "main.css", the CSS that main.js imports.
	var entries []string
	entry := func(name string) string {
		_, known := b.urls[name]
		info, err := os.Stat(filepath.Join(b.opts.Web, name))
		if !known && err == nil && !info.IsDir() && !slices.Contains(entries, name) {
			entries = append(entries, name)
		}
		return ""
	}
	collect := template.FuncMap{
		"asset":         entry,
		"modulepreload": func(name string) template.HTML { return template.HTML(entry(name)) },
		"preload":       func(string) template.HTML { return "" },
	}
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
	asset := func(name string) string {
		url, ok := b.urls[name]
		if !ok {
			missing = append(missing, name)
		}
		return url
	}
	tmpl.Funcs(template.FuncMap{
		"asset": asset,
		"modulepreload": func(name string) template.HTML {
			var links strings.Builder
			for _, rel := range b.staticImports(strings.TrimPrefix(asset(name), b.opts.Base)) {
				fmt.Fprintf(&links, "<link rel=\"modulepreload\" href=\"%s\">", template.HTMLEscapeString(b.opts.Base+rel))
			}
			return template.HTML(links.String())
		},
		"preload": func(name string) (template.HTML, error) {
			url, ok := b.urls[name]
			switch {
			case !strings.HasSuffix(name, ".wasm"):
				return "", fmt.Errorf("preload names a Go module, NAME.wasm, not %q", name)
			case !ok:
				return "", fmt.Errorf("no script imports gowasm:%s, so the page would never use its preload", name)
			}
			// As @gowasm/bridge fetches it: a same-origin CORS request, so
			// crossorigin, or the browser downloads it twice.
			return template.HTML(fmt.Sprintf(`<link rel="preload" href="%s" as="fetch" crossorigin>`, template.HTMLEscapeString(url))), nil
		},
	})
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

// staticImports lists the outputs that the output rel imports
// statically, directly or not, in the order a browser would meet them:
// what {{modulepreload "main.js"}} names, so that the browser fetches them
// all as it reads the HTML instead of one level of imports at a time.
func (b *builder) staticImports(rel string) []string {
	var out []string
	seen := map[string]bool{rel: true}
	var walk func(string)
	walk = func(rel string) {
		for _, imp := range b.imports[rel] {
			if !seen[imp] {
				seen[imp] = true
				out = append(out, imp)
				walk(imp)
			}
		}
	}
	walk(rel)
	return out
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
