// Package scalaronly is a reference input of gowasm bind: sync exports
// with scalar parameters only, so the shims need no unsafe.Pointer.
package scalaronly

//gowasm:export
func Add(a, b int32) int32 { return a + b }

//gowasm:export
func Half(v float64) float64 { return v / 2 }
