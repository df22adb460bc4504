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
	resources := app.CustomProvider("", "/goapp")
	h := &app.Handler{
		Name:        "gowasm tools in Go",
		ShortName:   "gowasm Go",
		Title:       "The tools in pure Go · gowasm",
		Description: "A file hasher and a data tool written in Go with go-app, run in your browser.",
		Lang:        "en",
		Resources:   resources,
		Styles:      []string{*style},
		Icon:        app.Icon{Default: "/icon-192.png", Large: "/icon-512.png", SVG: "/favicon.svg", AppleTouch: "/icon-192.png"},
		Version:     *version,
		// The page itself, for its service worker to serve offline (go-app
		// caches its package path, /goapp, which is not the page's URL).
		CacheableResources: []string{"/goapp/"},
		// The module's download starts as the HTML is parsed, rather than
		// once go-app's app.js has run; its fetch takes the preload over
		// (a same-origin fetch() is a CORS request, as crossorigin asks).
		// README, "Start-up", has what it gains.
		RawHeaders: []string{`<link rel="preload" href="` + resources.AppWASM() + `" as="fetch" crossorigin>`},
	}
	if err := app.GenerateStaticWebsite(*dir, h); err != nil {
		log.Fatal(err)
	}
}
