// Package js is a reference input of gowasm bind: its name clashes with
// syscall/js in the generated main package, and its parameter names are
// reserved words in JavaScript.
package js

//gowasm:export
func Keywords(new, delete string, this int32) string { return new + delete }

//gowasm:export
func Unnamed(int32, string) bool { return true }
