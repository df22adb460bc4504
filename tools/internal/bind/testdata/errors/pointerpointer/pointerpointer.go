// Package pointerpointer is an error case of gowasm bind: a pointer to a pointer has one null in JavaScript.
package pointerpointer

//gowasm:export
func Twice(p **int32) {}
