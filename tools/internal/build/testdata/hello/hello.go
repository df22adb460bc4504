// Package hello is the Go side of the build test's site.
package hello

// Greet greets name.
//
//gowasm:export
func Greet(name string) string { return "hello, " + name }
