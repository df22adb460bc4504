// Package readersync is an error case of gowasm bind: a wasmbridge.Reader needs an async export.
package readersync

import "github.com/gowasm/gowasm/wasmbridge"

//gowasm:export
func ReadsSync(src wasmbridge.Reader) {}
