package nginx

import (
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	h := SecurityHeaders()
	if len(h) != strings.Count(securityHeaders, "add_header") {
		t.Fatalf("parsed %d headers from %d add_header lines: %v", len(h), strings.Count(securityHeaders, "add_header"), h)
	}
	csp := h["Content-Security-Policy"]
	for _, want := range []string{"'wasm-unsafe-eval'", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %s: %s", want, csp)
		}
	}
	for _, loose := range []string{"'unsafe-eval'", "'unsafe-inline'", "*"} {
		if strings.Contains(strings.ReplaceAll(csp, "'wasm-unsafe-eval'", ""), loose) {
			t.Errorf("CSP allows %s: %s", loose, csp)
		}
	}
	if h["X-Content-Type-Options"] != "nosniff" || h["Referrer-Policy"] == "" {
		t.Errorf("headers %v", h)
	}
}

func TestOptInIsOffByDefault(t *testing.T) {
	if _, on := SecurityHeaders()["Cross-Origin-Opener-Policy"]; on {
		t.Fatal("COOP is on, but headers.conf ships with the opt-in commented out")
	}
}

func TestMIMETypes(t *testing.T) {
	m := MIMETypes()
	for ext, want := range map[string]string{".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript",
		".html": "text/html", ".webmanifest": "application/manifest+json", ".map": "application/json"} {
		if m[ext] != want {
			t.Errorf("%s → %q, want %q", ext, m[ext], want)
		}
	}
}

func TestPort(t *testing.T) {
	port, err := Port()
	if err != nil {
		t.Fatal(err)
	}
	// Prepare moves the server to another address by this very line.
	if !strings.Contains(mustRead("nginx.conf"), "listen "+port+";") {
		t.Errorf("Port() is %s, but nginx.conf has no `listen %s;`", port, port)
	}
}
