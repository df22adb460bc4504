package harness

import (
	"bufio"
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// DevServer is a running `gowasm serve`.
type DevServer struct {
	URL   string
	Lines <-chan string // its standard output after the URL line
}

// StartServe builds the gowasm CLI and runs `gowasm serve -addr
// 127.0.0.1:0 args...` in the repository, as `make run` does, until the
// test ends.
func StartServe(tb testing.TB, args ...string) *DevServer {
	tb.Helper()
	root := Root()
	bin := filepath.Join(tb.TempDir(), "gowasm")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(root, "tools/cmd/gowasm")).CombinedOutput(); err != nil {
		tb.Fatalf("building gowasm: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...)...)
	cmd.Dir = root
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	lines := make(chan string, 100)
	go func() {
		for scan := bufio.NewScanner(stdout); scan.Scan(); {
			lines <- scan.Text()
		}
		close(lines)
	}()
	timeout := time.After(3 * time.Minute)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				tb.Fatalf("gowasm serve exited:\n%s", stderr.String())
			}
			if _, url, ok := strings.Cut(line, "serving "); ok {
				return &DevServer{URL: strings.TrimSuffix(url, "/"), Lines: lines}
			}
		case <-timeout:
			tb.Fatalf("gowasm serve printed no URL:\n%s", stderr.String())
		}
	}
}
