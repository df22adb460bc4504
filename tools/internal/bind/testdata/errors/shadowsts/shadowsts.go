// Package shadowsts is an error case of gowasm bind: a struct named like a TypeScript built-in.
package shadowsts

type Promise struct{ X int32 }

//gowasm:export
func Shadows(p Promise) {}
