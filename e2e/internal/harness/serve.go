package harness

import (
	"bufio"
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// DevServer is a running `gowasm serve`.
type DevServer struct {
	URL    string
	Lines  <-chan string // its standard output after the URL line
	stderr *SyncBuffer
}

// Stderr is what the server has written to its standard error so far.
func (s *DevServer) Stderr() string { return s.stderr.String() }

// SyncBuffer is a buffer the command writes while the test reads it.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
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
	return StartServer(tb, cmd)
}

// Start runs cmd in a process group of its own until the test ends, then
// stops the group: SIGTERM, so that servers clean up, and SIGKILL for
// what still runs 5 s later.
func Start(tb testing.TB, cmd *exec.Cmd) {
	tb.Helper()
	inGroup(cmd)
	if err := cmd.Start(); err != nil {
		tb.Fatalf("%s: %v", strings.Join(cmd.Args, " "), err)
	}
	tb.Cleanup(func() {
		exited := make(chan struct{})
		go func() {
			cmd.Wait()
			close(exited)
		}()
		signalGroup(cmd, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			signalGroup(cmd, syscall.SIGKILL)
			<-exited
		}
	})
}

// StartServer runs cmd, a command that serves the app (gowasm serve, make
// run) and prints "serving URL", until the test ends; it stops cmd and
// every process cmd started.
func StartServer(tb testing.TB, cmd *exec.Cmd) *DevServer {
	tb.Helper()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stderr := &SyncBuffer{}
	cmd.Stderr = stderr
	Start(tb, cmd)
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
				tb.Fatalf("%s exited:\n%s", strings.Join(cmd.Args, " "), stderr.String())
			}
			if _, url, ok := strings.Cut(line, "serving "); ok {
				return &DevServer{URL: strings.TrimSuffix(url, "/"), Lines: lines, stderr: stderr}
			}
		case <-timeout:
			tb.Fatalf("%s printed no URL:\n%s", strings.Join(cmd.Args, " "), stderr.String())
		}
	}
}
