// Package tuples is a reference input of gowasm bind: several results are
// a tuple.
package tuples

//gowasm:export
func DivMod(a, b int32) (int32, int32) { return a / b, a % b }

//gowasm:export
func Split(s string, at int) (string, string, error) { return s[:at], s[at:], nil }
