// Package uintptr is an error case of gowasm bind: uintptr has no JavaScript form.
package uintptr

//gowasm:export
func Uintptr(u uintptr) {}
