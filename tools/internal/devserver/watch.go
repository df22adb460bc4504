package devserver

import (
	"io/fs"
	"path/filepath"
	"strings"
	"time"
)

// Watch polls the trees under roots every interval and calls changed
// after files stop changing (a burst of saves gives one call). Polling
// needs no platform support and a web app's sources are small.
func Watch(roots []string, interval time.Duration, changed func()) {
	last := snapshot(roots)
	for {
		time.Sleep(interval)
		now := snapshot(roots)
		if equal(now, last) {
			continue
		}
		// Wait for the burst to settle.
		for {
			time.Sleep(interval)
			settled := snapshot(roots)
			if equal(settled, now) {
				break
			}
			now = settled
		}
		last = now
		changed()
	}
}

type stamp struct {
	size int64
	mod  time.Time
}

// watched reports whether a file's change should trigger a rebuild.
func watched(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".go", ".mod", ".sum", ".js", ".mjs", ".jsx", ".ts", ".tsx", ".css", ".html", ".json", ".svg", ".png", ".txt", ".wasm":
		return true
	}
	return false
}

func snapshot(roots []string) map[string]stamp {
	files := map[string]stamp{}
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				name := d.Name()
				if path != root && (name == "node_modules" || name == "build" || name == "dist" || strings.HasPrefix(name, ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if watched(path) {
				if info, err := d.Info(); err == nil {
					files[path] = stamp{info.Size(), info.ModTime()}
				}
			}
			return nil
		})
	}
	return files
}

func equal(a, b map[string]stamp) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
