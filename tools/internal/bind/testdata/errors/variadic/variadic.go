// Package variadic is an error case of gowasm bind: variadic functions cannot be exported.
package variadic

//gowasm:export
func Variadic(v ...int32) {}
