// Package enumutf8 is an error case of gowasm bind: an enum constant JavaScript cannot hold.
package enumutf8

type Sep string

const Bad Sep = "\xff"

//gowasm:export
func Split(s Sep) {}
