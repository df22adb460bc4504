// Package bridge carries the files of @gowasm/bridge inside Go programs,
// so that `gowasm new` can vendor the bridge into a new project without
// a registry.
package bridge

import "embed"

// Files holds the package: its ES modules, type declarations and package.json.
//
//go:embed *.js *.d.ts package.json
var Files embed.FS
