package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gowasm/gowasm/tools/internal/build"
	"github.com/gowasm/gowasm/tools/internal/devserver"
)

func runServe(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	defaultAddr := "127.0.0.1:8080"
	if port := os.Getenv("PORT"); port != "" {
		defaultAddr = "127.0.0.1:" + port
	}
	addr := fs.String("addr", defaultAddr, "listen `address` (default from $PORT when set)")
	web := fs.String("web", "web", "`directory` of index.html, its scripts and public/")
	out := fs.String("out", "build/dev", "build `directory`, inside the module")
	watch := fs.Bool("watch", true, "rebuild and reload the page when sources change")
	goApp := fs.String("goapp", "", "a go-app v9 main `package`, built into goapp/ and served under /goapp/")
	if err := fs.Parse(args); err != nil {
		return err
	}
	packages, root, err := appPackages(fs, *web)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(*out); err != nil {
		return err
	}
	generation := 0
	srv := &devserver.Server{Build: func() (string, error) {
		generation++
		dir := filepath.Join(*out, fmt.Sprintf("www-%d", generation))
		_, err := build.Build(build.Options{
			Root: root, Packages: packages, GoApp: *goApp, Web: *web, Out: dir, Work: filepath.Join(*out, "work"),
		})
		if err != nil {
			os.RemoveAll(dir)
		}
		return dir, err
	}}
	rebuild := func(what string) {
		start := time.Now()
		if err := srv.Rebuild(); err != nil {
			fmt.Fprintf(os.Stderr, "gowasm: build failed (shown in the browser):\n%v\n", err)
			return
		}
		fmt.Printf("gowasm: %s in %v\n", what, time.Since(start).Round(time.Millisecond))
	}
	rebuild("built")
	if *watch {
		var mu sync.Mutex
		sources := watchedSources(root, *web, *out, packages)
		go devserver.Watch(func() devserver.Sources {
			mu.Lock()
			defer mu.Unlock()
			return sources
		}, 250*time.Millisecond, func() {
			rebuild("rebuilt")
			next := watchedSources(root, *web, *out, packages) // imports may have changed
			mu.Lock()
			sources = next
			mu.Unlock()
		})
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Printf("gowasm: serving http://%s/\n", ln.Addr())
	return http.Serve(ln, srv)
}

// watchedSources is what the app is built from: the web directory, the
// directories of the module's Go packages that the bound packages import
// (as js/wasm sees them), and go.mod and go.sum. The build's output is
// skipped: its old directories are deleted a while after each rebuild.
func watchedSources(root, web, out string, packages []string) devserver.Sources {
	s := devserver.Sources{
		Trees: []string{web},
		Files: []string{filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum")},
		Skip:  []string{out},
	}
	list := exec.Command("go", append([]string{"list", "-e", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{end}}"}, packages...)...)
	list.Dir = root
	list.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	dirs, _ := list.Output()
	for _, dir := range strings.Fields(string(dirs)) {
		if strings.HasPrefix(dir, root+string(filepath.Separator)) || dir == root {
			s.Dirs = append(s.Dirs, dir)
		}
	}
	return s
}
