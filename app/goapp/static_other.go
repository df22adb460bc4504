//go:build !js

package main

import (
	"flag"
	"log"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// generate writes the static site under /goapp/ into the directory of
// -static, when it is given: gowasm build runs this natively. The page
// takes the app's stylesheet (-style) and the build's -version, which
// names the service worker's cache, so a new build is fetched anew.
func generate() {
	dir := flag.String("static", "", "write the static site into this directory")
	style := flag.String("style", "", "the stylesheet's URL")
	version := flag.String("version", "", "the build's version")
	flag.Parse()
	if *dir == "" {
		return
	}
	h := &app.Handler{
		Name:        "gowasm tools in Go",
		ShortName:   "gowasm Go",
		Title:       "The tools in pure Go · gowasm",
		Description: "A file hasher and a data tool written in Go with go-app, run in your browser.",
		Lang:        "en",
		Resources:   app.CustomProvider("", "/goapp"),
		Styles:      []string{*style},
		Icon:        app.Icon{Default: "/icon-192.png", Large: "/icon-512.png", SVG: "/favicon.svg", AppleTouch: "/icon-192.png"},
		Version:     *version,
		// The page itself, for its service worker to serve offline (go-app
		// caches its package path, /goapp, which is not the page's URL).
		CacheableResources: []string{"/goapp/"},
	}
	if err := app.GenerateStaticWebsite(*dir, h); err != nil {
		log.Fatal(err)
	}
}
