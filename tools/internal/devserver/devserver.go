// Package devserver serves a development build of a gowasm web app and
// keeps it fresh: it watches the sources, rebuilds on change, and tells
// open pages to reload, or to show the build error over the page. It is
// the engine behind `gowasm serve` and `make run`.
package devserver

import (
	"github.com/gowasm/gowasm/tools/internal/build"

	"bytes"
	_ "embed"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gowasm/gowasm/nginx"
)

// Headers and types come from the nginx configuration, so that a page
// that works here works in production.
var (
	securityHeaders = nginx.SecurityHeaders()
	mimeTypes       = nginx.MIMETypes()
)

// clientPath is where the live-reload client and its event stream live.
const clientPath = "/__gowasm/"

//go:embed client.js
var clientJS []byte

// Server serves the last good build and pushes build outcomes to pages.
type Server struct {
	// Build rebuilds the site into a fresh directory and returns it.
	Build func() (dir string, err error)

	mu         sync.Mutex
	dir        string // the site being served
	generation int    // counts successful builds; pages carry the one they came from
	buildErr   string // the last build's error, "" after a success
	clients    map[chan event]bool
}

type event struct{ name, data string }

// Rebuild runs Build and tells every open page: reload after a success,
// show the error after a failure (the last good site stays served).
func (s *Server) Rebuild() error {
	dir, err := s.Build()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.buildErr = err.Error()
		s.broadcast(event{"error", s.buildErr})
		return err
	}
	old := s.dir
	s.dir, s.buildErr = dir, ""
	s.generation++
	if old != "" && old != dir {
		// Late requests for the old build's assets may still be streaming
		// from it; give them a moment before deleting it.
		time.AfterFunc(10*time.Second, func() { os.RemoveAll(old) })
	}
	s.broadcast(event{"reload", fmt.Sprint(s.generation)})
	return nil
}

func (s *Server) broadcast(e event) {
	for c := range s.clients {
		select {
		case c <- e:
		default: // a client that does not keep up misses one event
		}
	}
}

// ServeHTTP serves the site with the production headers, no caching,
// and the live-reload client injected into HTML pages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for k, v := range securityHeaders {
		w.Header().Set(k, v)
	}
	if t, ok := mimeTypes[strings.ToLower(filepath.Ext(r.URL.Path))]; ok {
		w.Header().Set("Content-Type", t+charset(t))
	}
	w.Header().Set("Cache-Control", "no-cache")
	switch r.URL.Path {
	case clientPath + "client.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(clientJS)
		return
	case clientPath + "events":
		s.events(w, r)
		return
	}
	s.mu.Lock()
	dir, generation := s.dir, s.generation
	s.mu.Unlock()
	if dir == "" {
		// No build has succeeded yet: a page that shows the error and
		// reloads itself when the next build works.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(injectClient([]byte("<!doctype html><title>gowasm: build failed</title><body></body>"), generation))
		return
	}
	// The same routing as nginx.conf (e2e/serving's TestDevServerMatchesNginx
	// compares them): dotfiles are 404, and so is anything under assets/
	// that is not a file. A path without an extension that names no file
	// is a page route: go-app's page under /goapp/, else the page of its
	// own that the build wrote, NAME/index.html, else index.html. Any
	// other path that names no file is a plain-text 404.
	clean := path.Clean("/" + r.URL.Path)
	file := filepath.Join(dir, filepath.FromSlash(clean))
	info, err := os.Stat(file)
	noFile := err != nil || info.IsDir()
	pageRoute := noFile && path.Ext(r.URL.Path) == ""
	switch {
	case strings.Contains(clean, "/."),
		noFile && (clean == assetsDir || strings.HasPrefix(clean, assetsDir+"/")):
		http.Error(w, "not found", http.StatusNotFound)
		return
	case r.URL.Path == goApp:
		http.Redirect(w, r, goApp+"/", http.StatusMovedPermanently)
		return
	case clean == goApp || (pageRoute && strings.HasPrefix(clean, goApp+"/")):
		file = filepath.Join(dir, goApp, "index.html")
	case clean == "/":
		file = filepath.Join(dir, "index.html")
	case pageRoute && isFile(filepath.Join(file, "index.html")):
		file = filepath.Join(file, "index.html")
	case pageRoute:
		file = filepath.Join(dir, "index.html")
	case noFile:
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if strings.HasSuffix(file, ".html") {
		html, err := os.ReadFile(file)
		if err != nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(injectClient(html, generation))
		return
	}
	http.ServeFile(w, r, file)
}

// goApp is where a go-app page is served (build.GoAppPath).
const goApp = "/" + build.GoAppPath

// assetsDir holds the build's hashed files (build.AssetsDir).
const assetsDir = "/" + build.AssetsDir

// charset mirrors nginx.conf's charset_types: text formats say utf-8.
func charset(mimeType string) string {
	if strings.HasPrefix(mimeType, "text/") || strings.HasSuffix(mimeType, "json") || strings.HasSuffix(mimeType, "+xml") || mimeType == "application/xml" {
		return "; charset=utf-8"
	}
	return ""
}

// injectClient adds the live-reload client, telling it which build the
// page came from, so that it reloads if it missed a newer one.
func injectClient(html []byte, generation int) []byte {
	tag := []byte(fmt.Sprintf(`<script type="module" src="%sclient.js?build=%d"></script>`, clientPath, generation))
	if i := bytes.Index(html, []byte("</head>")); i >= 0 {
		return append(append(append([]byte{}, html[:i]...), tag...), html[i:]...)
	}
	return append(tag, html...)
}

// events streams build outcomes as server-sent events; a page that
// connects after a failed build gets the error at once.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	c := make(chan event, 4)
	s.mu.Lock()
	if s.clients == nil {
		s.clients = map[chan event]bool{}
	}
	s.clients[c] = true
	c <- event{"hello", fmt.Sprint(s.generation)}
	if s.buildErr != "" {
		c <- event{"error", s.buildErr}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	fmt.Fprint(w, ": connected\n\n")
	flusher.Flush()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			fmt.Fprintf(w, "event: %s\n", e.name)
			for _, line := range strings.Split(e.data, "\n") {
				fmt.Fprintf(w, "data: %s\n", line)
			}
			fmt.Fprint(w, "\n")
			flusher.Flush()
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		}
	}
}

// isFile reports whether path is a regular file.
func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
