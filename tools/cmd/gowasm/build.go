package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/gowasm/gowasm/tools/internal/build"
)

func runBuild(args []string) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	out := fs.String("o", "dist", "output `directory`")
	web := fs.String("web", "web", "`directory` of index.html, its scripts and public/")
	base := fs.String("base", "/", "URL `path` the site is served under")
	work := fs.String("work", "build/gen", "`directory` for generated code, inside the module")
	goApp := fs.String("goapp", "", "a go-app v9 main `package`, built into goapp/ and served under /goapp/")
	if err := fs.Parse(args); err != nil {
		return err
	}
	packages, root, err := appPackages(fs, *web)
	if err != nil {
		return err
	}
	start := time.Now()
	result, err := build.Build(build.Options{
		Root: root, Packages: packages, GoApp: *goApp, Web: *web, Out: *out, Work: *work, Base: *base, Production: true,
	})
	if err != nil {
		return err
	}
	result.PrintTable(os.Stdout)
	fmt.Printf("\ngowasm: built %s in %v\n", *out, time.Since(start).Round(time.Millisecond))
	return nil
}
