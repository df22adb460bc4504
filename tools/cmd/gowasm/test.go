package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/gowasm/gowasm/tools/internal/wasmtest"
)

// errSilent makes gowasm exit 1 when what failed was printed already
// (test failures, module -json errors).
var errSilent = errors.New("")

func runTest(args []string) error {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	verbose := fs.Bool("v", false, "verbose test output")
	run := fs.String("run", "", "run only tests matching `regexp`")
	timeout := fs.Duration("timeout", 10*time.Minute, "fail a package that runs longer than `d`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	list := exec.Command("go", append([]string{"list", "-f", "{{.ImportPath}} {{len .TestGoFiles}} {{len .XTestGoFiles}}"}, patterns...)...)
	list.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	list.Stderr = os.Stderr
	out, err := list.Output()
	if err != nil {
		return fmt.Errorf("go list: %w", err)
	}
	var testArgs []string
	if *verbose {
		testArgs = append(testArgs, "-test.v")
	}
	if *run != "" {
		testArgs = append(testArgs, "-test.run", *run)
	}
	failed := false
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var pkg string
		var tests, xtests int
		fmt.Sscan(line, &pkg, &tests, &xtests)
		if tests+xtests == 0 {
			fmt.Printf("?   \t%s\t[no test files]\n", pkg)
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), *timeout)
		start := time.Now()
		code, err := wasmtest.Run(ctx, ".", pkg, testArgs, os.Stdout, os.Stderr)
		cancel()
		elapsed := time.Since(start).Seconds()
		switch {
		case errors.Is(err, wasmtest.ErrBuildFailed):
			fmt.Printf("FAIL\t%s [build failed]\n", pkg)
			failed = true
		case err != nil:
			fmt.Printf("FAIL\t%s\t%.3fs\n%v\n", pkg, elapsed, err)
			failed = true
		case code != 0:
			fmt.Printf("FAIL\t%s\t%.3fs (in Chromium)\n", pkg, elapsed)
			failed = true
		default:
			fmt.Printf("ok  \t%s\t%.3fs (in Chromium)\n", pkg, elapsed)
		}
	}
	if failed {
		return errSilent
	}
	return nil
}
