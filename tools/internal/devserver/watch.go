package devserver

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Sources are what a rebuild depends on.
type Sources struct {
	Trees []string // walked recursively: the web directory
	Dirs  []string // their files only: the Go package directories
	Files []string // single files: go.mod, go.sum
	Skip  []string // never looked at: the build's own output
}

// Watch polls sources() every interval and calls changed once files stop
// changing (a burst of saves gives one rebuild). sources is called on
// every poll, so new imports are picked up (at the cost of one extra
// rebuild when they change). Polling needs no
// platform support, and an app's sources are few.
func Watch(sources func() Sources, interval time.Duration, changed func()) {
	last := snapshot(sources())
	for {
		time.Sleep(interval)
		now := snapshot(sources())
		if equal(now, last) {
			continue
		}
		for {
			time.Sleep(interval)
			settled := snapshot(sources())
			if equal(settled, now) {
				break
			}
			now = settled
		}
		// The baseline is what this rebuild builds from: an edit saved
		// while it runs is a change for the next round. (The build's own
		// output is in Sources.Skip, so it cannot retrigger itself.)
		last = now
		changed()
	}
}

type stamp struct {
	size int64
	mod  time.Time
}

func snapshot(s Sources) map[string]stamp {
	files := map[string]stamp{}
	skip := map[string]bool{}
	for _, dir := range s.Skip {
		if abs, err := filepath.Abs(dir); err == nil {
			skip[abs] = true
		}
	}
	add := func(path string, info fs.FileInfo) {
		files[path] = stamp{info.Size(), info.ModTime()}
	}
	for _, root := range s.Trees {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			abs, _ := filepath.Abs(path)
			if d.IsDir() {
				if path != root && (skip[abs] || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := d.Info(); err == nil {
				add(abs, info)
			}
			return nil
		})
	}
	for _, dir := range s.Dirs {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if info, err := e.Info(); err == nil && !e.IsDir() {
				add(filepath.Join(dir, e.Name()), info)
			}
		}
	}
	for _, f := range s.Files {
		if info, err := os.Stat(f); err == nil {
			add(f, info)
		}
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
