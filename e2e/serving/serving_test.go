// Package serving tests production serving: the site `make build` writes,
// served by real nginx with the repository's nginx.conf, checked header by
// header, byte by byte, in headless Chromium and under load.
package serving

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/nginx"
)

var distOnce sync.Once

// dist is the app as make build writes it, plus files nginx must refuse
// to serve.
func dist(t *testing.T) string {
	dir := harness.Site(t)
	distOnce.Do(func() {
		os.WriteFile(filepath.Join(dir, ".env"), []byte("SECRET=dotfile\n"), 0o644)
		os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
		os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("[secret]\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "assets", ".env"), []byte("SECRET=in assets\n"), 0o644)
	})
	return dir
}

// asset returns the URL path of the manifest's file with the given prefix
// and suffix.
func asset(t *testing.T, m harness.Manifest, prefix, suffix string) string {
	return "/" + m.Asset(t, prefix, suffix).Path
}

func get(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// No transparent decompression: the test checks the bytes nginx sends.
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestConfigIsValid(t *testing.T) {
	n := harness.StartNginx(t, dist(t))
	out, err := exec.Command("nginx", "-t", "-p", n.Prefix+"/", "-c", n.Config).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "test is successful") {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "[warn]") {
		t.Errorf("nginx -t warns:\n%s", out)
	}
}

func TestHeadersPerClass(t *testing.T) {
	root := dist(t)
	n := harness.StartNginx(t, root)
	m := harness.ReadManifest(t, root)
	const immutable = "public, max-age=31536000, immutable"
	cases := []struct {
		name, path   string
		status       int
		contentType  string
		cacheControl string
	}{
		{"index", "/", 200, "text/html; charset=utf-8", "no-cache"},
		{"index by name", "/index.html", 200, "text/html; charset=utf-8", "no-cache"},
		{"page route", "/some/page", 200, "text/html; charset=utf-8", "no-cache"},
		{"page of its own", "/hash", 200, "text/html; charset=utf-8", "no-cache"},
		{"page of its own, with a slash", "/hash/", 200, "text/html; charset=utf-8", "no-cache"},
		{"hashed JS", asset(t, m, "assets/main-", ".js"), 200, "text/javascript; charset=utf-8", immutable},
		{"hashed CSS", asset(t, m, "assets/main-", ".css"), 200, "text/css; charset=utf-8", immutable},
		{"wasm", asset(t, m, "assets/imaging-", ".wasm"), 200, "application/wasm", immutable},
		{"wasm_exec", asset(t, m, "assets/wasm_exec-", ".js"), 200, "text/javascript; charset=utf-8", immutable},
		{"service worker", "/sw.js", 200, "text/javascript; charset=utf-8", "no-cache"},
		{"web manifest", "/site.webmanifest", 200, "application/manifest+json; charset=utf-8", "no-cache"},
		{"fixed name", "/robots.txt", 200, "text/plain; charset=utf-8", "no-cache"},
		{"missing JS", "/assets/missing-ABCDEFGH.js", 404, "text/plain; charset=utf-8", "no-store"},
		{"missing wasm", "/missing.wasm", 404, "text/plain; charset=utf-8", "no-store"},
		{"healthz", "/healthz", 200, "text/plain; charset=utf-8", "no-store"},
	}
	security := nginx.SecurityHeaders()
	index, _ := os.ReadFile(filepath.Join(root, "index.html"))
	hashPage, _ := os.ReadFile(filepath.Join(root, "hash", "index.html"))
	if len(hashPage) == 0 || bytes.Equal(hashPage, index) {
		t.Errorf("the build wrote no page of its own for /hash")
	}
	for _, c := range cases {
		resp, body := get(t, n.URL+c.path)
		h := resp.Header
		if resp.StatusCode != c.status || h.Get("Content-Type") != c.contentType || h.Get("Cache-Control") != c.cacheControl {
			t.Errorf("%s %s: %d %q %q; want %d %q %q", c.name, c.path, resp.StatusCode, h.Get("Content-Type"),
				h.Get("Cache-Control"), c.status, c.contentType, c.cacheControl)
		}
		for k, v := range security {
			if h.Get(k) != v {
				t.Errorf("%s %s: %s = %q, want %q", c.name, c.path, k, h.Get(k), v)
			}
		}
		if h.Get("Server") != "nginx" {
			t.Errorf("%s: Server = %q; server_tokens must hide the version", c.name, h.Get("Server"))
		}
		if c.status == 404 && bytes.Contains(body, []byte("<html")) {
			t.Errorf("%s: a missing asset came back as HTML", c.name)
		}
		if c.name == "page route" && !bytes.Equal(body, index) {
			t.Errorf("page route did not fall back to index.html")
		}
		if strings.HasPrefix(c.name, "page of its own") && !bytes.Equal(body, hashPage) {
			t.Errorf("%s: not hash/index.html, the page the build wrote for /hash:\n%s", c.path, body)
		}
	}
	if _, body := get(t, n.URL+"/healthz"); string(body) != "ok\n" {
		t.Errorf("/healthz body %q", body)
	}
}

func TestCompressionNegotiation(t *testing.T) {
	root := dist(t)
	n := harness.StartNginx(t, root)
	decoders := map[string]func(io.Reader) (io.Reader, error){
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	}
	checked := 0
	for _, a := range harness.ReadManifest(t, root).Assets {
		original, err := os.ReadFile(filepath.Join(root, a.Path))
		if err != nil {
			t.Fatal(err)
		}
		for encoding, size := range map[string]int{"br": a.Brotli, "gzip": a.Gzip} {
			resp, body := get(t, n.URL+"/"+a.Path, "Accept-Encoding", encoding)
			if size == 0 {
				if resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, original) {
					t.Errorf("%s (%s, no sibling): encoding %q", a.Path, encoding, resp.Header.Get("Content-Encoding"))
				}
				continue
			}
			if got := resp.Header.Get("Content-Encoding"); got != encoding {
				t.Errorf("%s: Accept-Encoding %s got Content-Encoding %q", a.Path, encoding, got)
				continue
			}
			if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s (%s): no Vary: Accept-Encoding", a.Path, encoding)
			}
			r, err := decoders[encoding](bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if plain, err := io.ReadAll(r); err != nil || !bytes.Equal(plain, original) {
				t.Errorf("%s: the %s body does not decompress to the file (%v)", a.Path, encoding, err)
			}
			checked++
		}
		if resp, body := get(t, n.URL+"/"+a.Path, "Accept-Encoding", "identity"); resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, original) {
			t.Errorf("%s: identity request got %q", a.Path, resp.Header.Get("Content-Encoding"))
		}
	}
	if checked < 6 {
		t.Fatalf("only %d compressed responses checked", checked)
	}
}

func TestRefusesTraversalDotfilesAndDirectories(t *testing.T) {
	n := harness.StartNginx(t, dist(t))
	for _, path := range []string{
		"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fetc%2fpasswd",
		"/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%5c..%5cetc%5cpasswd",
		"/.env", "/.git/config", "/assets/.env", "/assets/x/../.env", "/assets/%2eenv", "/%2eenv",
		"/assets/", "/assets", "/.git/",
	} {
		req, _ := http.NewRequest("GET", n.URL+"/", nil)
		req.URL.Opaque = path // sent exactly as written
		resp, err := (&http.Transport{}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		leaked := bytes.Contains(body, []byte("root:")) || bytes.Contains(body, []byte("SECRET")) ||
			bytes.Contains(body, []byte("[secret]")) || bytes.Contains(body, []byte("Index of"))
		if resp.StatusCode < 400 || resp.StatusCode >= 500 || leaked {
			t.Errorf("%s: %d (leaked %v); want a 4xx refusal", path, resp.StatusCode, leaked)
		}
	}
}

// TestBehindIngress: behind a TLS front, as in production
// (deploy/kubernetes/ingress.yaml), nginx's redirect stays on the site:
// /goapp leads to the front's /goapp/, not to nginx's own scheme and port.
func TestBehindIngress(t *testing.T) {
	ingress := harness.StartIngress(t, harness.StartNginx(t, dist(t)).URL)
	resp, err := ingress.Client.Get(ingress.URL + "/goapp")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if got, want := resp.Request.URL.String(), ingress.URL+"/goapp/"; got != want || resp.StatusCode != http.StatusOK || resp.Proto != "HTTP/2.0" {
		t.Errorf("/goapp led to %s (%d over %s); want %s (200 over HTTP/2.0)", got, resp.StatusCode, resp.Proto, want)
	}
	if !bytes.Contains(body, goAppLoader) {
		t.Errorf("%s is not go-app's page:\n%.300s", resp.Request.URL, body)
	}
}

// TestGoAppSize: the go-app page's wasm, real features and all, stays
// at most 1.2 MB brotli, below go-app's own client-only hello world
// (1.42 MB here): gowasm build keeps go-app's server code out of it.
func TestGoAppSize(t *testing.T) {
	a := harness.ReadManifest(t, dist(t)).Asset(t, "goapp/web/app.wasm", "")
	t.Logf("goapp/web/app.wasm: brotli %d bytes (%.2f MB), gzip %d", a.Brotli, float64(a.Brotli)/1e6, a.Gzip)
	if a.Brotli == 0 || a.Brotli > 1_200_000 {
		t.Errorf("goapp/web/app.wasm is %d bytes brotli; the budget is 1.2 MB", a.Brotli)
	}
}
