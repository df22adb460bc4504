package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
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
	web := fs.String("web", "app/web", "`directory` of index.html, its scripts and public/")
	out := fs.String("out", "build/dev", "build `directory`, inside the module")
	watch := fs.Bool("watch", true, "rebuild and reload the page when sources change")
	if err := fs.Parse(args); err != nil {
		return err
	}
	packages := fs.Args()
	if len(packages) == 0 {
		packages = []string{"./app/compute"}
	}
	root, err := os.Getwd()
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
			Root: root, Packages: packages, Web: *web, Out: dir, Work: filepath.Join(*out, "work"),
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
		go devserver.Watch([]string{root}, 250*time.Millisecond, func() { rebuild("rebuilt") })
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Printf("gowasm: serving http://%s/\n", ln.Addr())
	return http.Serve(ln, srv)
}
