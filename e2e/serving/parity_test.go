package serving

import (
	"bytes"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/nginx"
)

// TestDevServerMatchesNginx: what `gowasm serve` sends in development
// must match nginx in production (types, security headers, routing), so
// that production holds no surprises. Caching differs on purpose.
func TestDevServerMatchesNginx(t *testing.T) {
	prod := harness.StartNginx(t, dist(t)).URL
	dev := harness.StartServe(t, append([]string{"-out", "build/e2e/parity-serve", "-watch=false", "-web", "app/web", "-goapp", harness.GoAppPackage(t)}, harness.AppPackages(t)...)...).URL

	// Hashed names differ between the two builds: find each from its own index.html.
	assets := func(base string) map[string]string {
		index := harness.Body(t, base+"/")
		paths := map[string]string{}
		for name, re := range map[string]string{
			"main":      `/assets/main-[A-Z2-7]{8}\.js`,
			"style":     `/assets/main-[A-Z2-7]{8}\.css`,
			"wasm_exec": `/assets/wasm_exec-[A-Z2-7]{8}\.js`,
		} {
			paths[name] = regexp.MustCompile(re).FindString(index)
		}
		paths["wasm"] = findInChunks(t, base, paths["main"], regexp.MustCompile(`/assets/imaging-[A-Z2-7]{8}\.wasm`))
		for name, p := range paths {
			if p == "" {
				t.Fatalf("%s: found no %s asset", base, name)
			}
		}
		return paths
	}
	prodAssets, devAssets := assets(prod), assets(dev)

	paths := []struct{ name, prod, dev string }{
		{"index", "/", "/"},
		{"page route", "/some/page", "/some/page"},
		{"go-app page", "/goapp/", "/goapp/"},
		{"go-app page without its slash", "/goapp", "/goapp"},
		{"go-app route", "/goapp/some/page", "/goapp/some/page"},
		{"go-app wasm", "/goapp/web/app.wasm", "/goapp/web/app.wasm"},
		{"go-app missing file", "/goapp/missing.js", "/goapp/missing.js"},
		{"fixed name", "/robots.txt", "/robots.txt"},
		{"service worker", "/sw.js", "/sw.js"},
		{"web manifest", "/site.webmanifest", "/site.webmanifest"},
		{"favicon", "/favicon.svg", "/favicon.svg"},
		{"missing asset", "/assets/missing-ABCDEFGH.js", "/assets/missing-ABCDEFGH.js"},
		{"missing wasm", "/missing.wasm", "/missing.wasm"},
		{"dotfile", "/.env", "/.env"},
		{"asset directory", "/assets/", "/assets/"},
		{"asset directory without its slash", "/assets", "/assets"},
		{"missing asset without an extension", "/assets/missing", "/assets/missing"},
		{"go-app directory", "/goapp/web", "/goapp/web"},
		{"page of its own", "/hash", "/hash"},
		{"page of its own with its slash", "/hash/", "/hash/"},
		{"page of its own by file name", "/hash/index.html", "/hash/index.html"},
		{"below a page of its own", "/hash/more", "/hash/more"},
		{"public directory", "/samples", "/samples"},
		{"public directory with its slash", "/samples/", "/samples/"},
		{"public file", "/samples/landscape.jpg", "/samples/landscape.jpg"},
	}
	for _, name := range []string{"main", "style", "wasm_exec", "wasm"} {
		paths = append(paths, struct{ name, prod, dev string }{name, prodAssets[name], devAssets[name]})
	}
	security := nginx.SecurityHeaders()
	for _, p := range paths {
		pr, dr := head(t, prod+p.prod), head(t, dev+p.dev)
		if pr.StatusCode != dr.StatusCode || pr.contentType != dr.contentType || pr.page != dr.page {
			t.Errorf("%s: nginx %d %q %s, gowasm serve %d %q %s", p.name, pr.StatusCode, pr.contentType, pr.page,
				dr.StatusCode, dr.contentType, dr.page)
		}
		for _, k := range append([]string{"Location"}, slices.Sorted(maps.Keys(security))...) {
			if pr.Header.Get(k) != dr.Header.Get(k) {
				t.Errorf("%s: %s differs:\n  nginx:        %q\n  gowasm serve: %q", p.name, k, pr.Header.Get(k), dr.Header.Get(k))
			}
		}
	}
}

// response is a response, its content's type and, for HTML, which page
// it is; a redirect's content is no page, and nobody reads it.
type response struct {
	*http.Response
	contentType, page string
}

// goAppLoader and modulePreload tell the app's pages apart across two
// builds, whose hashed names differ: go-app's loader, else the module
// the page preloads, if any.
var (
	goAppLoader   = []byte(`id="app-wasm-loader"`)
	modulePreload = regexp.MustCompile(`rel="preload" href="/assets/([a-z]+)-[A-Z2-7]{8}\.wasm"`)
)

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// head GETs url and keeps a redirect as it came, Location and all.
func head(t *testing.T, url string) response {
	t.Helper()
	resp, err := noRedirects.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	r := response{Response: resp}
	if resp.StatusCode/100 == 3 {
		return r
	}
	r.contentType = resp.Header.Get("Content-Type")
	if strings.HasPrefix(r.contentType, "text/html") {
		m := modulePreload.FindSubmatch(body)
		switch {
		case bytes.Contains(body, goAppLoader):
			r.page = "(go-app's page)"
		case m != nil:
			r.page = "(the page preloading " + string(m[1]) + ")"
		default:
			r.page = "(index.html)"
		}
	}
	return r
}

// findInChunks searches the JavaScript at path, and the chunks it imports
// (transitively), for re: the app's pages are chunks loaded on demand.
func findInChunks(t *testing.T, base, path string, re *regexp.Regexp) string {
	chunk := regexp.MustCompile(`[./]*(?:assets/)?((?:chunk|main)-[A-Z2-7]{8}\.js)`)
	seen := map[string]bool{}
	queue := []string{path}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		js := harness.Body(t, base+p)
		if found := re.FindString(js); found != "" {
			return found
		}
		for _, m := range chunk.FindAllStringSubmatch(js, -1) {
			queue = append(queue, "/assets/"+m[1])
		}
	}
	return ""
}
