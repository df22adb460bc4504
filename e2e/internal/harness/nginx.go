package harness

import (
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gowasm/gowasm/nginx"
)

// Nginx is a running nginx with the repository's nginx.conf.
type Nginx struct {
	URL    string // http://127.0.0.1:PORT
	Prefix string
	Config string
	cmd    *exec.Cmd
}

// Stop stops nginx before the test ends, e.g. to take a site offline,
// and returns once it no longer answers.
func (n *Nginx) Stop(tb testing.TB) {
	tb.Helper()
	signalGroup(n.cmd, syscall.SIGTERM)
	for deadline := time.Now().Add(10 * time.Second); ; {
		resp, err := http.Get(n.URL + "/healthz")
		if err != nil {
			return
		}
		resp.Body.Close()
		if time.Now().After(deadline) {
			tb.Fatalf("nginx on %s did not stop", n.URL)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// StartNginx runs real nginx with the repository's nginx.conf (nginx/) on
// a free loopback port, serving root, until the test ends.
func StartNginx(tb testing.TB, root string) *Nginx {
	tb.Helper()
	return StartNginxConf(tb, os.DirFS(filepath.Join(Root(), "nginx")), root)
}

// StartNginxConf is StartNginx with other files, e.g. a variant of
// nginx.conf with an opt-in enabled.
func StartNginxConf(tb testing.TB, conf fs.FS, root string) *Nginx {
	tb.Helper()
	if _, err := exec.LookPath("nginx"); err != nil {
		tb.Fatalf("nginx is not installed (run `make deps`): %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	prefix := tb.TempDir()
	config, err := nginx.Prepare(conf, prefix, addr, root)
	if err != nil {
		tb.Fatal(err)
	}
	logs := new(SyncBuffer)
	cmd := nginx.Command(prefix, config)
	cmd.Stderr = logs
	Start(tb, cmd)
	n := &Nginx{URL: "http://" + addr, Prefix: prefix, Config: config, cmd: cmd}
	for deadline := time.Now().Add(10 * time.Second); ; {
		if resp, err := http.Get(n.URL + "/healthz"); err == nil {
			resp.Body.Close()
			return n
		}
		if time.Now().After(deadline) {
			tb.Fatalf("nginx did not come up on %s:\n%s", addr, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// IsolationOptIn is the line of nginx/headers.conf that a site uncomments
// to be cross-origin isolated (nginx/cross-origin-isolation.conf).
const IsolationOptIn = "# include nginx/cross-origin-isolation.conf;"

// StartNginxIsolated is StartNginx with the cross-origin isolation opt-in
// taken, as the README tells a site to: every response carries COOP and
// COEP, so pages can share memory with their workers.
func StartNginxIsolated(tb testing.TB, root string) *Nginx {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.CopyFS(dir, nginx.Files); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, "headers.conf")
	headers, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if strings.Count(string(headers), IsolationOptIn) != 1 {
		tb.Fatalf("nginx/headers.conf lacks the documented opt-in line %q", IsolationOptIn)
	}
	taken := strings.Replace(string(headers), IsolationOptIn, strings.TrimPrefix(IsolationOptIn, "# "), 1)
	if err := os.WriteFile(path, []byte(taken), 0o644); err != nil {
		tb.Fatal(err)
	}
	return StartNginxConf(tb, os.DirFS(dir), root)
}

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  string
)

// Site builds the app with the Makefile's own build target, the command
// the Dockerfile runs, once per test binary, and returns its dist
// directory (in a temporary directory the caller must not change).
func Site(tb testing.TB) string {
	tb.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gowasm-dist-")
		if err != nil {
			siteErr = err.Error()
			return
		}
		siteDir = filepath.Join(dir, "dist")
		cmd := exec.Command("make", "build", "DIST="+siteDir)
		cmd.Dir = Root()
		if out, err := cmd.CombinedOutput(); err != nil {
			siteErr = string(out)
		}
	})
	if siteErr != "" {
		tb.Fatalf("make build: %s", siteErr)
	}
	return siteDir
}

// Manifest is the asset-manifest.json a build writes (gowasm build's
// Result): each file of the site with its sizes.
type Manifest struct {
	Assets []ManifestAsset `json:"assets"`
}

// ManifestAsset is one file of a built site.
type ManifestAsset struct {
	Path   string `json:"path"` // relative to the site, slash-separated
	Gzip   int    `json:"gzip"`
	Brotli int    `json:"brotli"`
}

// ReadManifest reads the manifest of the site built into dir.
func ReadManifest(tb testing.TB, dir string) Manifest {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "asset-manifest.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		tb.Fatal(err)
	}
	return m
}

// Asset is the file whose path has the given prefix and suffix.
func (m Manifest) Asset(tb testing.TB, prefix, suffix string) ManifestAsset {
	tb.Helper()
	for _, a := range m.Assets {
		if strings.HasPrefix(a.Path, prefix) && strings.HasSuffix(a.Path, suffix) {
			return a
		}
	}
	tb.Fatalf("no asset %s*%s in the manifest", prefix, suffix)
	return ManifestAsset{}
}

// Body is the body of a GET of url, failing the test when the request or
// the read fails.
func Body(tb testing.TB, url string) string {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s: %v", url, err)
	}
	return string(b)
}
