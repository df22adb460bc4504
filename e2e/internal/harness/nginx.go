package harness

import (
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/gowasm/gowasm/nginx"
)

// Nginx is a running nginx with the repository's nginx.conf.
type Nginx struct {
	URL    string // http://127.0.0.1:PORT
	Prefix string
	Config string
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
	n := &Nginx{URL: "http://" + addr, Prefix: prefix, Config: config}
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
