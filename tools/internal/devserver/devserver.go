// Package devserver serves a development build of a gowasm web app: the
// engine behind `gowasm serve` and `make run`.
package devserver

import (
	"net/http"
	"strings"
)

// Handler serves the site without caching, so a reload always sees the
// last build; .wasm goes out as application/wasm for streaming compiles.
func Handler(www string) http.Handler {
	files := http.FileServer(http.Dir(www))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	})
}
