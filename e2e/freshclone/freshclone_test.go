// Package freshclone starts where a new user starts: the repository as a
// clone has it (no node_modules, nothing built), on which `make build`
// and `make run` must work with nothing done first.
package freshclone

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// clone copies the files a clone of the working tree would hold: tracked,
// and untracked but not ignored (so that uncommitted work is tested too).
func clone(t *testing.T) string {
	root := harness.Root()
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "gowasm")
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(root, name)
		info, err := os.Lstat(src)
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		t.Fatal("the clone has node_modules")
	}
	return dir
}

func TestFreshCloneRuns(t *testing.T) {
	dir := clone(t)
	run := exec.Command("make", "run", "PORT=0")
	run.Dir = dir
	server := harness.StartServer(t, run)
	resp, err := http.Get(server.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// Before a build succeeds, the dev server serves a page titled
	// "gowasm: build failed" that shows the error.
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "<script") || strings.Contains(string(page), "build failed") {
		t.Fatalf("make run in a fresh clone serves %s:\n%s", resp.Status, page)
	}

}

func TestFreshCloneBuilds(t *testing.T) {
	dir := clone(t)
	build := exec.Command("make", "build")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("make build in a fresh clone: %v\n%s", err, out)
	}
	for _, name := range []string{"index.html", "asset-manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, "dist", name)); err != nil {
			t.Errorf("make build wrote no dist/%s: %v", name, err)
		}
	}
}
