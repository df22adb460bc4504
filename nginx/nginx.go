// Package nginx holds the production nginx configuration's shared pieces
// (nginx.conf at the repository root includes them) and reads them for
// the dev server, so that `gowasm serve` sends exactly the headers and
// types production sends.
package nginx

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

//go:embed headers.conf security-headers.conf cross-origin-isolation.conf
var headerFiles embed.FS

// securityHeaders is kept for the tests of the snippet itself.
var securityHeaders = mustRead("security-headers.conf")

func mustRead(name string) string {
	data, err := headerFiles.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(data)
}

//go:embed mime.types
var mimeTypes string

var (
	addHeader = regexp.MustCompile(`(?m)^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;`)
	include   = regexp.MustCompile(`(?m)^\s*include\s+nginx/(\S+);`)
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

// Prepare lays out a prefix directory for running the repository's
// nginx.conf (at confPath, with the files it includes in nginx/ beside it)
// somewhere else: listening on addr (host:port),
// serving root, and keeping its pid and temporary files in prefix instead
// of /tmp, so several instances can run at once. It returns the config to
// pass as nginx -p prefix -c CONFIG. Each rewritten directive must occur
// exactly once, so a reshaped nginx.conf fails loudly here.
func Prepare(confPath, prefix, addr, root string) (string, error) {
	data, err := os.ReadFile(confPath)
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
			return "", fmt.Errorf("%s: expected %q once, found it %d times", confPath, r.from, n)
		}
		conf = strings.Replace(conf, r.from, r.to, 1)
	}
	conf = strings.ReplaceAll(conf, " /tmp/nginx-", " "+filepath.Join(prefix, "nginx-"))
	// The included files, from the nginx/ directory beside the config.
	snippets, err := filepath.Glob(filepath.Join(filepath.Dir(confPath), "nginx", "*"))
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Join(prefix, "nginx"), 0o755); err != nil {
		return "", err
	}
	for _, src := range snippets {
		if filepath.Ext(src) == ".go" {
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(prefix, "nginx", filepath.Base(src)), data, 0o644); err != nil {
			return "", err
		}
	}
	out := filepath.Join(prefix, "nginx.conf")
	return out, os.WriteFile(out, []byte(conf), 0o644)
}
