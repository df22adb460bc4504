// Package nginx holds the production nginx configuration: nginx.conf and
// the files it includes. The gowasm CLI carries them, to run them with
// real nginx (`gowasm preview`) in any project, and reads them for the dev
// server, so that `gowasm serve` sends exactly the headers and types
// production sends.
package nginx

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gowasm/gowasm/internal/nginxconf"
)

// Files are nginx.conf and the files it includes, as they ship.
//
//go:embed nginx.conf headers.conf security-headers.conf cross-origin-isolation.conf mime.types
var Files embed.FS

// securityHeaders is kept for the tests of the snippet itself.
var securityHeaders = mustRead("security-headers.conf")

func mustRead(name string) string {
	data, err := Files.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(data)
}

var mimeTypes = mustRead("mime.types")

var (
	userDirective = regexp.MustCompile(`(?m)^\s*user\s`)
	addHeader     = regexp.MustCompile(`(?m)^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;`)
	include       = regexp.MustCompile(`(?m)^\s*include\s+nginx/(\S+);`)
)

// SecurityHeaders returns the headers every response carries: those of
// the files headers.conf includes (commented-out lines, such as the
// cross-origin isolation opt-in, do not count).
func SecurityHeaders() map[string]string {
	headers := map[string]string{}
	for _, inc := range include.FindAllStringSubmatch(mustRead("headers.conf"), -1) {
		for _, m := range addHeader.FindAllStringSubmatch(mustRead(inc[1]), -1) {
			headers[m[1]] = m[2]
		}
	}
	return headers
}

// Port is the port nginx.conf listens on: the one listen directive of its
// one server, a bare port. The Dockerfile and the Kubernetes manifests
// must agree with it; their tests ask here.
func Port() (string, error) {
	conf, err := nginxconf.Parse(mustRead("nginx.conf"))
	if err != nil {
		return "", fmt.Errorf("nginx.conf:%w", err)
	}
	listen := nginxconf.Find(conf, "http", "server", "listen")
	if len(listen) != 1 || len(listen[0].Args) != 1 || strings.Trim(listen[0].Args[0], "0123456789") != "" {
		return "", fmt.Errorf("nginx.conf: want one server listening on one bare port, found %+v", listen)
	}
	return listen[0].Args[0], nil
}

// MIMETypes maps file extensions, with their dot, to the types of mime.types.
func MIMETypes() map[string]string {
	types := map[string]string{}
	body := mimeTypes[strings.Index(mimeTypes, "{")+1 : strings.LastIndex(mimeTypes, "}")]
	for _, line := range strings.Split(body, ";") {
		fields := strings.Fields(line)
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		for _, ext := range fields[1:] {
			types["."+ext] = fields[0]
		}
	}
	return types
}

// Prepare lays out a prefix directory for running nginx.conf from files
// (Files, or a directory holding a variant of them) somewhere else:
// listening on addr (host:port), serving root, and keeping its pid and
// temporary files in prefix instead of /tmp, so several instances can run
// at once. The included files go to prefix/nginx/, where nginx.conf finds
// them. It returns the config to pass as nginx -p prefix -c CONFIG. Each
// rewritten directive must occur exactly once, so a reshaped nginx.conf
// fails loudly here. Started by root, nginx would run its workers as
// nobody, who cannot enter a directory only root may (/root, a test's
// temporary directory) and answers 404 there: the prepared config keeps
// them root, unless it names a user itself.
func Prepare(files fs.FS, prefix, addr, root string) (string, error) {
	data, err := fs.ReadFile(files, "nginx.conf")
	if err != nil {
		return "", err
	}
	conf := string(data)
	for _, r := range []struct{ from, to string }{
		{"listen 8080;", "listen " + addr + ";"},
		{"root /usr/share/nginx/html;", "root " + root + ";"},
		{"pid /tmp/nginx.pid;", "pid " + filepath.Join(prefix, "nginx.pid") + ";"},
	} {
		if n := strings.Count(conf, r.from); n != 1 {
			return "", fmt.Errorf("nginx.conf: expected %q once, found it %d times", r.from, n)
		}
		conf = strings.Replace(conf, r.from, r.to, 1)
	}
	conf = strings.ReplaceAll(conf, " /tmp/nginx-", " "+filepath.Join(prefix, "nginx-"))
	if os.Geteuid() == 0 && !userDirective.MatchString(conf) {
		conf = "user root;\n" + conf
	}
	if err := os.MkdirAll(filepath.Join(prefix, "nginx"), 0o755); err != nil {
		return "", err
	}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "nginx.conf" || !(strings.HasSuffix(name, ".conf") || strings.HasSuffix(name, ".types")) {
			continue
		}
		data, err := fs.ReadFile(files, name)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(prefix, "nginx", name), data, 0o644); err != nil {
			return "", err
		}
	}
	out := filepath.Join(prefix, "nginx.conf")
	return out, os.WriteFile(out, []byte(conf), 0o644)
}

// Command is nginx in the foreground on a config from Prepare.
func Command(prefix, config string) *exec.Cmd {
	return exec.Command("nginx", "-p", prefix+"/", "-c", config, "-g", "daemon off;")
}
