// Package bridge carries the files of @gowasm/bridge inside Go programs,
// so that `gowasm new` can vendor the bridge into a new project without
// a registry.
package bridge

import "embed"

// Files holds the package as npm packs it: its ES modules, type
// declarations, package.json, README and LICENSE.
//
//go:embed *.js *.d.ts package.json README.md LICENSE
var Files embed.FS
