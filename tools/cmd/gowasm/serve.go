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
	start := time.Now()
	www := filepath.Join(*out, "www")
	_, err = build.Build(build.Options{
		Root: root, Packages: packages, Web: *web, Out: www, Work: filepath.Join(*out, "work"),
	})
	if err != nil {
		return err
	}
	fmt.Printf("gowasm: built %s in %v\n", www, time.Since(start).Round(time.Millisecond))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Printf("gowasm: serving http://%s/\n", ln.Addr())
	return http.Serve(ln, devserver.Handler(www))
}
