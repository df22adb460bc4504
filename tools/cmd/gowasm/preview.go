package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/gowasm/gowasm/nginx"
)

// brotliModule is the module nginx.conf loads to send .br siblings.
const brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// runPreview serves a built site with real nginx and gowasm's production
// nginx.conf, as `vite preview` does: what production will send. It works
// in any project: the configuration ships inside the CLI.
func runPreview(args []string) error {
	fs := flag.NewFlagSet("preview", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	dist := fs.String("dist", "dist", "the built site")
	conf := fs.String("conf", "", "a `directory` with nginx.conf and the files it includes (default: the configuration gowasm carries)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := filepath.Abs(*dist)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "index.html")); err != nil {
		return fmt.Errorf("gowasm preview: no built site: looked for %s (build it with gowasm build -o %s, or make build)", filepath.Join(root, "index.html"), *dist)
	}
	if _, err := exec.LookPath("nginx"); err != nil {
		return fmt.Errorf("gowasm preview: looked for nginx on PATH and found none; install it (Debian: apt-get install nginx libnginx-mod-http-brotli-static)")
	}
	if _, err := os.Stat(brotliModule); err != nil {
		return fmt.Errorf("gowasm preview: looked for nginx's brotli module at %s and found none; install it (Debian: apt-get install libnginx-mod-http-brotli-static)", brotliModule)
	}
	files, source := configFiles(*conf)
	prefix, err := os.MkdirTemp("", "gowasm-preview-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(prefix)
	config, err := nginx.Prepare(files, prefix, *addr, root)
	if err != nil {
		return fmt.Errorf("gowasm preview: %s: %w", source, err)
	}
	cmd := nginx.Command(prefix, config)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting nginx: %w", err)
	}
	fmt.Printf("gowasm: nginx serving %s with %s on http://%s/\n", root, source, *addr)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-stop
		cmd.Process.Signal(syscall.SIGQUIT) // graceful shutdown
	}()
	return cmd.Wait()
}

// configFiles is the nginx configuration to run: dir when given, else the
// one gowasm carries.
func configFiles(dir string) (fs.FS, string) {
	if dir != "" {
		return os.DirFS(dir), filepath.Join(dir, "nginx.conf")
	}
	return nginx.Files, "gowasm's nginx.conf"
}
