package build

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// page bundles the entry points that the page templates name and
// renders them: index.html, and a page of its own for the path /NAME,
// NAME/index.html, which may extend index.html by defining its blocks
// (a page's own preloads, say) and then {{template "index.html" .}}.
func (b *builder) page() error {
	pages, err := b.pageTemplates()
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
	if _, err := b.renderPages(pages, collect); err != nil {
		return err
	}
	if err := b.bundle(entries); err != nil {
		return err
	}
	asset := func(name string) (string, error) {
		url, ok := b.urls[name]
		if !ok {
			return "", fmt.Errorf("no asset %q: neither a file in %s nor an output of the build", name, b.opts.Web)
		}
		return url, nil
	}
	html, err := b.renderPages(pages, template.FuncMap{
		"asset": asset,
		"modulepreload": func(name string) (template.HTML, error) {
			url, err := asset(name)
			if err != nil {
				return "", err
			}
			var links strings.Builder
			for _, rel := range b.staticImports(strings.TrimPrefix(url, b.opts.Base)) {
				fmt.Fprintf(&links, "<link rel=\"modulepreload\" href=\"%s\">", template.HTMLEscapeString(b.opts.Base+rel))
			}
			return template.HTML(links.String()), nil
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
	if err != nil {
		return err
	}
	b.pages = pages
	for _, page := range pages {
		b.sources[page] = filepath.Join(b.opts.Web, filepath.FromSlash(page))
		out := filepath.Join(b.opts.Out, filepath.FromSlash(page))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, []byte(html[page]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// pageTemplates lists the page templates under Web, as paths relative to
// it: index.html, then NAME/index.html for each directory NAME but
// public/ (copied as it is).
func (b *builder) pageTemplates() ([]string, error) {
	pages := []string{"index.html"}
	dirs, err := os.ReadDir(b.opts.Web)
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "public" || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		if _, err := os.Stat(filepath.Join(b.opts.Web, d.Name(), "index.html")); err == nil {
			pages = append(pages, d.Name()+"/index.html")
		}
	}
	return pages, nil
}

// renderPages parses index.html and, each over its own copy of it, the
// other pages, with funcs, and renders each one.
func (b *builder) renderPages(pages []string, funcs template.FuncMap) (map[string]string, error) {
	parse := func(t *template.Template, page string) error {
		src, err := os.ReadFile(filepath.Join(b.opts.Web, filepath.FromSlash(page)))
		if err != nil {
			return err
		}
		if _, err := t.Parse(string(src)); err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(b.opts.Web, filepath.FromSlash(page)), err)
		}
		return nil
	}
	root := template.New("index.html").Funcs(funcs)
	if err := parse(root, "index.html"); err != nil {
		return nil, err
	}
	templates := map[string]*template.Template{"index.html": root}
	for _, page := range pages[1:] {
		base, err := root.Clone()
		if err != nil {
			return nil, err
		}
		t := base.New(page)
		if err := parse(t, page); err != nil {
			return nil, err
		}
		templates[page] = t
	}
	html := map[string]string{}
	for _, page := range pages {
		var out strings.Builder
		if err := templates[page].Execute(&out, nil); err != nil {
			return nil, err
		}
		html[page] = out.String()
	}
	return html, nil
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
