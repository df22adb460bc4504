package harness

import (
	"crypto/sha256"
	"encoding/base64"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
)

// Ingress is a TLS front speaking HTTP/2 to the browser and HTTP/1.1 to
// nginx, as the Kubernetes ingress does in production
// (deploy/kubernetes/ingress.yaml): over HTTP/1.1 alone a browser opens
// at most 6 connections to an origin and queues the rest of a page's
// requests, which HTTP/2 multiplexes on one.
type Ingress struct {
	URL string // https://127.0.0.1:PORT
	// Trust is the browser flag that accepts the front's certificate as
	// valid (by its public key), so that the page is a secure context
	// with its HTTP cache, code cache and service workers, as under a
	// real certificate; --ignore-certificate-errors would disable caching.
	Trust chromedp.ExecAllocatorOption
	// Client trusts the front's certificate, and speaks HTTP/2 to it.
	Client *http.Client
}

// StartIngress serves backend, an http:// URL, over HTTP/2 and TLS on
// loopback until the test ends.
func StartIngress(tb testing.TB, backend string) *Ingress {
	tb.Helper()
	target, err := url.Parse(backend)
	if err != nil {
		tb.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	// Each write goes on at once, as an ingress streams: the bridge
	// compiles the module while it downloads.
	proxy.FlushInterval = -1
	proxy.Transport = &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}
	srv := httptest.NewUnstartedServer(proxy)
	srv.EnableHTTP2 = true
	// Chromium opens spare connections and closes some unused, which the
	// server would log as errors reading the HTTP/2 preface.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	tb.Cleanup(srv.Close)
	spki := sha256.Sum256(srv.Certificate().RawSubjectPublicKeyInfo)
	return &Ingress{
		URL:    srv.URL,
		Trust:  chromedp.Flag("ignore-certificate-errors-spki-list", base64.StdEncoding.EncodeToString(spki[:])),
		Client: srv.Client(),
	}
}
