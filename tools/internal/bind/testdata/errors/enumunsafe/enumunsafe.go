// Package enumunsafe is an error case of gowasm bind: an int enum constant outside the safe integers.
package enumunsafe

type Size int

const Huge Size = 1 << 60

//gowasm:export
func Grow(s Size) {}
