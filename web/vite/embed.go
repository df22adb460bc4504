// Package vite carries the files of @gowasm/vite inside Go programs, so
// that `gowasm new -template vite-react` can vendor the plugin into a new
// project without a registry.
package vite

import "embed"

// Files holds the package as npm packs it: its module, type declarations,
// package.json, README and LICENSE.
//
//go:embed index.js index.d.ts package.json README.md LICENSE
var Files embed.FS
