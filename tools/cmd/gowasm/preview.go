package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/gowasm/gowasm/nginx"
)

// runPreview serves a built dist/ with real nginx and the repository's
// nginx.conf, as `vite preview` does: what production will send.
func runPreview(args []string) error {
	fs := flag.NewFlagSet("preview", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	dist := fs.String("dist", "dist", "the built site")
	conf := fs.String("conf", "nginx.conf", "the nginx `config`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := filepath.Abs(*dist)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "index.html")); err != nil {
		return fmt.Errorf("no built site in %s (run make build): %w", root, err)
	}
	prefix, err := os.MkdirTemp("", "gowasm-preview-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(prefix)
	config, err := nginx.Prepare(*conf, prefix, *addr, root)
	if err != nil {
		return err
	}
	cmd := exec.Command("nginx", "-p", prefix+"/", "-c", config, "-g", "daemon off;")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting nginx (make deps installs it): %w", err)
	}
	fmt.Printf("gowasm: nginx serving %s on http://%s/\n", root, *addr)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-stop
		cmd.Process.Signal(syscall.SIGQUIT) // graceful shutdown
	}()
	return cmd.Wait()
}
