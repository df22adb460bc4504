package build

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

func buildSite(t *testing.T, name, web string, packages ...string) (*Result, string, error) {
	t.Helper()
	root := repoRoot()
	out := filepath.Join(t.TempDir(), "dist")
	res, err := Build(Options{
		Root: root, Packages: packages, Web: web, Out: out,
		// Inside tools/internal, so the generated main may import the
		// fixtures below it; ignored by git.
		Work: filepath.Join(root, "tools/internal/build/testdata/work", name), Production: true,
	})
	return res, out, err
}

func TestBuild(t *testing.T) {
	res, out, err := buildSite(t, "site", "testdata/site", "./tools/internal/build/testdata/hello")
	if err != nil {
		t.Fatal(err)
	}

	// The manifest lists every file of the site with its true sizes, and
	// each compressed sibling decompresses to the original.
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var manifest Result
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	listed := map[string]Asset{}
	for _, a := range manifest.Assets {
		listed[a.Path] = a
	}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, out+"/"))
		base := strings.TrimSuffix(strings.TrimSuffix(rel, ".gz"), ".br")
		if rel == ManifestName {
			return nil
		}
		a, ok := listed[base]
		if !ok {
			t.Errorf("%s is in the site but not in the manifest", rel)
			return nil
		}
		info, _ := d.Info()
		raw, _ := os.ReadFile(filepath.Join(out, base))
		switch {
		case strings.HasSuffix(rel, ".gz"):
			checkSize(t, rel, a.Gzip, info.Size())
			checkDecompresses(t, p, raw, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) })
			checkSameMtime(t, p, filepath.Join(out, base))
		case strings.HasSuffix(rel, ".br"):
			checkSize(t, rel, a.Brotli, info.Size())
			checkDecompresses(t, p, raw, func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil })
			checkSameMtime(t, p, filepath.Join(out, base))
		default:
			checkSize(t, rel, a.Raw, info.Size())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"index.html", "robots.txt"} {
		if a, ok := listed[want]; !ok || a.Hashed {
			t.Errorf("%s: listed %v hashed %v; want a fixed name", want, ok, a.Hashed)
		}
	}

	// index.html names only files that exist, all content-hashed.
	html, _ := os.ReadFile(filepath.Join(out, "index.html"))
	refs := regexp.MustCompile(`(?:src|href)="/([^"]+)"`).FindAllStringSubmatch(string(html), -1)
	if len(refs) != 3 {
		t.Fatalf("index.html references %d assets, want 3 (css, wasm_exec, main):\n%s", len(refs), html)
	}
	hashed := regexp.MustCompile(`^assets/[a-z_]+-[A-Z2-7]{8}\.(js|css|wasm)$`)
	for _, ref := range refs {
		if !hashed.MatchString(ref[1]) {
			t.Errorf("index.html references %s, not a content-hashed asset", ref[1])
		}
		if _, err := os.Stat(filepath.Join(out, ref[1])); err != nil {
			t.Errorf("index.html references a missing file: %v", err)
		}
	}

	// wasm_exec.js is the toolchain's own, named by its content.
	goroot, _ := exec.Command("go", "env", "GOROOT").Output()
	wasmExec, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(wasmExec)
	name := "assets/wasm_exec-" + base32.StdEncoding.EncodeToString(sum[:5]) + ".js"
	if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || !bytes.Equal(got, wasmExec) {
		t.Errorf("%s is not the toolchain's wasm_exec.js (%v)", name, err)
	}

	// The bundle points at the hashed wasm, and code splitting made a chunk.
	var mainJS []byte
	var chunks int
	for _, a := range manifest.Assets {
		if strings.HasPrefix(a.Path, "assets/main-") {
			mainJS, _ = os.ReadFile(filepath.Join(out, a.Path))
		}
		if strings.HasPrefix(a.Path, "assets/chunk-") || strings.HasPrefix(a.Path, "assets/lazy-") {
			chunks++
		}
	}
	wasm := regexp.MustCompile(`/assets/hello-[A-Z2-7]{8}\.wasm`).Find(mainJS)
	if wasm == nil {
		t.Fatalf("main bundle does not reference the hashed hello.wasm")
	}
	if _, err := os.Stat(filepath.Join(out, string(wasm))); err != nil {
		t.Errorf("the bundle's wasm URL %s does not exist", wasm)
	}
	if chunks == 0 {
		t.Error("the dynamic import of lazy.js produced no separate chunk")
	}

	// The size report attributes the module's code to Go packages.
	if len(res.Modules) != 1 || res.Modules[0].Packages[0].Package != "runtime" {
		t.Fatalf("modules %+v", res.Modules)
	}
	var table bytes.Buffer
	res.PrintTable(&table)
	for _, want := range []string{"index.html", "brotli", "largest Go packages", "runtime", "syscall/js"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("size table lacks %q:\n%s", want, table.String())
		}
	}
}

func checkSize(t *testing.T, path string, listed int, actual int64) {
	t.Helper()
	if int64(listed) != actual {
		t.Errorf("%s: manifest says %d bytes, file has %d", path, listed, actual)
	}
}

func checkDecompresses(t *testing.T, path string, original []byte, reader func(io.Reader) (io.Reader, error)) {
	t.Helper()
	compressed, _ := os.ReadFile(path)
	r, err := reader(bytes.NewReader(compressed))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	got, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(got, original) {
		t.Errorf("%s does not decompress to the original (%v)", path, err)
	}
}

func checkSameMtime(t *testing.T, a, b string) {
	t.Helper()
	ia, _ := os.Stat(a)
	ib, _ := os.Stat(b)
	if !ia.ModTime().Equal(ib.ModTime()) {
		t.Errorf("%s has mtime %v, its original %v", a, ia.ModTime(), ib.ModTime())
	}
}

func TestReproducible(t *testing.T) {
	_, first, err := buildSite(t, "repro", "testdata/site", "./tools/internal/build/testdata/hello")
	if err != nil {
		t.Fatal(err)
	}
	_, second, err := buildSite(t, "repro", "testdata/site", "./tools/internal/build/testdata/hello")
	if err != nil {
		t.Fatal(err)
	}
	files := func(dir string) map[string][]byte {
		m := map[string][]byte{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				m[strings.TrimPrefix(p, dir)], _ = os.ReadFile(p)
			}
			return err
		})
		return m
	}
	a, b := files(first), files(second)
	if len(a) != len(b) || len(a) < 10 {
		t.Fatalf("builds wrote %d and %d files", len(a), len(b))
	}
	for name, content := range a {
		if !bytes.Equal(content, b[name]) {
			t.Errorf("%s differs between two builds of the same tree", name)
		}
	}
}

func TestGoCompileError(t *testing.T) {
	_, _, err := buildSite(t, "broken", "testdata/site", "./tools/internal/build/testdata/broken")
	if err == nil || !strings.Contains(err.Error(), "broken.go:5:30") {
		t.Fatalf("err = %v; want the compiler's message at broken.go:5:30", err)
	}
}

func TestJSCompileError(t *testing.T) {
	_, _, err := buildSite(t, "badjs", "testdata/badjs", "./tools/internal/build/testdata/hello")
	if err == nil || !strings.Contains(err.Error(), "main.js:2:7: Expected identifier") {
		t.Fatalf("err = %v; want esbuild's message at main.js:2:7", err)
	}
}

func TestUnknownGowasmImport(t *testing.T) {
	web := t.TempDir()
	os.WriteFile(filepath.Join(web, "index.html"), []byte(`<script type="module" src="{{asset "main.js"}}"></script>`), 0o644)
	os.WriteFile(filepath.Join(web, "main.js"), []byte("\nimport x from 'gowasm:nope';\nconsole.log(x);\n"), 0o644)
	_, _, err := buildSite(t, "unknown", web, "./tools/internal/build/testdata/hello")
	if err == nil || !strings.Contains(err.Error(), "main.js:2:15") || !strings.Contains(err.Error(), "no bound Go package is named nope (bound: hello)") {
		t.Fatalf("err = %v; want an error at main.js:2:15 naming the bound packages", err)
	}
}

func writeWeb(t *testing.T, files map[string]string) string {
	t.Helper()
	web := t.TempDir()
	for name, content := range files {
		p := filepath.Join(web, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return web
}

func TestCSSImportedFromJSAndPublicFiles(t *testing.T) {
	web := writeWeb(t, map[string]string{
		"index.html":         `<link rel="stylesheet" href="{{asset "app.css"}}"><script type="module" src="{{asset "app.js"}}"></script>`,
		"app.js":             "import './look.css';\nimport hello from 'gowasm:hello';\nconsole.log(hello.name);\n",
		"look.css":           ".gowasm-marker { margin: 1px; }\n",
		"public/robots.txt":  "User-agent: *\n",
		"public/.env":        "SECRET=1\n",
		"public/.git/config": "[secret]\n",
	})
	res, out, err := buildSite(t, "css", web, "./tools/internal/build/testdata/hello")
	if err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(out, "index.html"))
	css := regexp.MustCompile(`href="/(assets/app-[A-Z2-7]{8}\.css)"`).FindStringSubmatch(string(html))
	if css == nil {
		t.Fatalf("index.html does not link the CSS app.js imports:\n%s", html)
	}
	if got, _ := os.ReadFile(filepath.Join(out, css[1])); !strings.Contains(string(got), "gowasm-marker") {
		t.Errorf("%s does not hold look.css", css[1])
	}
	for _, absent := range []string{".env", ".git/config"} {
		if _, err := os.Stat(filepath.Join(out, absent)); err == nil {
			t.Errorf("public/%s was shipped", absent)
		}
	}
	for _, a := range res.Assets {
		if a.Path == "robots.txt" && a.Hashed {
			t.Error("robots.txt is marked hashed")
		}
		if strings.HasPrefix(a.Path, "assets/") && !a.Hashed {
			t.Errorf("%s is under assets/ but not marked hashed", a.Path)
		}
	}
}

func TestPublicMayNotShadowTheBuild(t *testing.T) {
	for _, reserved := range []string{"public/index.html", "public/assets/logo.txt"} {
		web := writeWeb(t, map[string]string{
			"index.html": `<script type="module" src="{{asset "app.js"}}"></script>`,
			"app.js":     "console.log(1);\n",
			reserved:     "shadow\n",
		})
		_, _, err := buildSite(t, "shadow", web, "./tools/internal/build/testdata/hello")
		if err == nil || !strings.Contains(err.Error(), "public/ may not contain") {
			t.Errorf("%s: err = %v, want a refusal", reserved, err)
		}
	}
}

func TestOutputMayNotOverwriteSources(t *testing.T) {
	web := writeWeb(t, map[string]string{"index.html": "<p>hi</p>", "app.js": "1;\n"})
	_, err := Build(Options{Root: repoRoot(), Packages: nil, Web: web, Out: web, Work: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "would overwrite the sources") {
		t.Fatalf("err = %v, want a refusal to build into the web directory", err)
	}
	if _, err := os.Stat(filepath.Join(web, "app.js")); err != nil {
		t.Fatalf("the sources were deleted: %v", err)
	}
}

// {{modulepreload "app.js"}} names every chunk app.js imports statically,
// directly or through another chunk, and none it imports dynamically.
func TestModulePreload(t *testing.T) {
	web := writeWeb(t, map[string]string{
		// other.js makes a.js and b.js a chunk of their own, shared, as
		// the app's entry points and lazy pages do.
		"index.html": `{{modulepreload "app.js"}}<script type="module" src="{{asset "app.js"}}"></script>` +
			`<script type="module" src="{{asset "other.js"}}"></script>`,
		"app.js":   "import { a } from './a.js';\nconsole.log(a);\nimport('./late.js');\n",
		"other.js": "import { a } from './a.js';\nconsole.log(a, 'other');\n",
		"a.js":     "import { b } from './b.js';\nexport const a = 'a' + b;\n",
		"b.js":     "export const b = 'b';\n",
		"late.js":  "import { a } from './a.js';\nimport { c } from './c.js';\nconsole.log(a, c);\n",
		"c.js":     "export const c = 'c';\n",
	})
	_, out, err := buildSite(t, "modulepreload", web, "./tools/internal/build/testdata/hello")
	if err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(out, "index.html"))
	links := regexp.MustCompile(`<link rel="modulepreload" href="/(assets/chunk-[A-Z2-7]{8}\.js)">`).FindAllStringSubmatch(string(html), -1)
	if len(links) == 0 {
		t.Fatalf("index.html preloads no chunk:\n%s", html)
	}
	appJS := regexp.MustCompile(`src="/(assets/app-[A-Z2-7]{8}\.js)"`).FindStringSubmatch(string(html))
	if appJS == nil {
		t.Fatalf("no app.js in:\n%s", html)
	}
	// The browser's view: the chunks app.js reaches through static imports.
	reached := map[string]bool{}
	var walk func(string)
	walk = func(rel string) {
		src, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`import\s*(?:[^"'()]*?from\s*)?"/assets/(chunk-[A-Z2-7]{8}\.js)"`).FindAllStringSubmatch(string(src), -1) {
			if rel := "assets/" + m[1]; !reached[rel] {
				reached[rel] = true
				walk(rel)
			}
		}
	}
	walk(appJS[1])
	preloaded := map[string]bool{}
	for _, l := range links {
		preloaded[l[1]] = true
	}
	if len(reached) == 0 || !maps.Equal(reached, preloaded) {
		t.Errorf("preloaded %v, want the static imports of app.js %v\n%s", preloaded, reached, html)
	}
}

// {{preload "NAME.wasm"}} starts the download of the module a script
// imports as gowasm:NAME.wasm from the HTML, as @gowasm/bridge fetches it.
func TestPreload(t *testing.T) {
	web := writeWeb(t, map[string]string{
		"index.html": `{{preload "hello.wasm"}}<script type="module" src="{{asset "app.js"}}"></script>`,
		"app.js":     "import url from 'gowasm:hello.wasm';\nconsole.log(url);\n",
	})
	_, out, err := buildSite(t, "preload", web, "./tools/internal/build/testdata/hello")
	if err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(out, "index.html"))
	m := regexp.MustCompile(`^<link rel="preload" href="/(assets/hello-[A-Z2-7]{8}\.wasm)" as="fetch" crossorigin><script`).FindSubmatch(html)
	if m == nil {
		t.Fatalf("index.html has no preload of hello.wasm:\n%s", html)
	}
	if wasm, err := os.ReadFile(filepath.Join(out, string(m[1]))); err != nil || !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		t.Errorf("the preloaded %s is not the module: %v", m[1], err)
	}
	app, _ := os.ReadFile(filepath.Join(out, string(regexp.MustCompile(`assets/app-[A-Z2-7]{8}\.js`).Find(html))))
	if !bytes.Contains(app, []byte("/"+string(m[1]))) {
		t.Errorf("app.js does not load the preloaded URL /%s:\n%s", m[1], app)
	}
}

// A preload the page would never use is an error, not a wasted download.
func TestPreloadErrors(t *testing.T) {
	for _, c := range []struct{ html, want string }{
		{`{{preload "other.wasm"}}`, `index.html:1:2: executing "index.html" at <preload "other.wasm">: error calling preload: no script imports gowasm:other.wasm`},
		{`{{preload "app.js"}}`, `error calling preload: preload names a Go module, NAME.wasm, not "app.js"`},
	} {
		web := writeWeb(t, map[string]string{
			"index.html": c.html + `<script type="module" src="{{asset "app.js"}}"></script>`,
			"app.js":     "import url from 'gowasm:hello.wasm';\nconsole.log(url);\n",
		})
		_, _, err := buildSite(t, "preload-error", web, "./tools/internal/build/testdata/hello")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.html, err, c.want)
		}
	}
}

// NAME/index.html is the page at /NAME: it extends index.html by
// defining its blocks, here to preload the module only that page needs.
func TestPageTemplates(t *testing.T) {
	files := map[string]string{
		"index.html":      `<head>{{block "head" .}}{{end}}<script type="module" src="{{asset "app.js"}}"></script></head>`,
		"calc/index.html": `{{define "head"}}{{preload "hello.wasm"}}{{end}}{{template "index.html" .}}`,
		"app.js":          "import url from 'gowasm:hello.wasm';\nconsole.log(url);\n",
	}
	_, out, err := buildSite(t, "pages", writeWeb(t, files), "./tools/internal/build/testdata/hello")
	if err != nil {
		t.Fatal(err)
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	calc, _ := os.ReadFile(filepath.Join(out, "calc", "index.html"))
	if !regexp.MustCompile(`^<head><script type="module" src="/assets/app-[A-Z2-7]{8}\.js"></script></head>$`).Match(index) {
		t.Errorf("index.html:\n%s", index)
	}
	if !regexp.MustCompile(`^<head><link rel="preload" href="/assets/hello-[A-Z2-7]{8}\.wasm" as="fetch" crossorigin><script type="module" src="/assets/app-[A-Z2-7]{8}\.js"></script></head>$`).Match(calc) {
		t.Errorf("calc/index.html:\n%s", calc)
	}

	// public/ may not shadow a page.
	files["public/calc/index.html"] = "shadow"
	if _, _, err := buildSite(t, "pages-shadow", writeWeb(t, files), "./tools/internal/build/testdata/hello"); err == nil || !strings.Contains(err.Error(), "public/ may not contain calc/index.html") {
		t.Errorf("err = %v, want a refusal to let public/calc/index.html shadow the page", err)
	}
}

// A name that is neither a file of the web directory nor an output of
// the build is an error at the template action that names it, in the
// page that names it.
func TestMissingAsset(t *testing.T) {
	for _, c := range []struct {
		name string
		page string // calc/index.html, which extends index.html
		want string
	}{
		{"asset", `{{define "head"}}<link rel="stylesheet" href="{{asset "calc.css"}}">{{end}}{{template "index.html" .}}`,
			`calc/index.html:1:48: executing "head" at <asset "calc.css">: error calling asset: no asset "calc.css"`},
		{"modulepreload", `{{define "head"}}{{modulepreload "calc.js"}}{{end}}{{template "index.html" .}}`,
			`calc/index.html:1:19: executing "head" at <modulepreload "calc.js">: error calling modulepreload: no asset "calc.js"`},
	} {
		web := writeWeb(t, map[string]string{
			"index.html":      `<head>{{block "head" .}}{{end}}<script type="module" src="{{asset "app.js"}}"></script></head>`,
			"calc/index.html": c.page,
			"app.js":          "console.log('app');\n",
		})
		_, _, err := buildSite(t, "missing-"+c.name, web, "./tools/internal/build/testdata/hello")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}
