package wasmtest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func run(t *testing.T, pkg string, args ...string) (int, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, errOut strings.Builder
	code, err := Run(ctx, ".", pkg, args, &out, &errOut)
	return code, out.String() + errOut.String(), err
}

func TestPassingPackage(t *testing.T) {
	code, out, err := run(t, "./testdata/pass", "-test.v")
	if err != nil || code != 0 {
		t.Fatalf("exit %d, err %v:\n%s", code, err, out)
	}
	for _, want := range []string{"--- PASS: TestInBrowser", "HeadlessChrome", "--- PASS: TestArithmetic", "PASS"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestFailingPackage(t *testing.T) {
	code, out, err := run(t, "./testdata/fail")
	if err != nil || code != 1 {
		t.Fatalf("exit %d, err %v; want exit 1:\n%s", code, err, out)
	}
	if !strings.Contains(out, "--- FAIL: TestFails") || !strings.Contains(out, "deliberate failure: 1 != 2") {
		t.Errorf("output lacks the failure:\n%s", out)
	}
}

func TestRunFilter(t *testing.T) {
	code, out, err := run(t, "./testdata/fail", "-test.run", "TestPasses", "-test.v")
	if err != nil || code != 0 || strings.Contains(out, "TestFails") {
		t.Fatalf("exit %d, err %v; -test.run did not select TestPasses only:\n%s", code, err, out)
	}
}

func TestBuildFailure(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module broken\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "x_test.go"), []byte("package broken\n\nfunc TestX(t *testing.T) {}\n"), 0o644)
	var out strings.Builder
	_, err := Run(context.Background(), dir, ".", nil, &out, &out)
	if !errors.Is(err, ErrBuildFailed) || !strings.Contains(out.String(), "x_test.go:3:") {
		t.Fatalf("err %v, output:\n%s\nwant the compiler's message and ErrBuildFailed", err, out.String())
	}
}
