// Package array is an error case of gowasm bind: arrays have no JavaScript form yet: take a slice.
package array

//gowasm:export
func Array(a [4]byte) {}
