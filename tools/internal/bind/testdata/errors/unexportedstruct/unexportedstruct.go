// Package unexportedstruct is an error case of gowasm bind: generated code cannot name an unexported struct.
package unexportedstruct

type private struct{ X int }

//gowasm:export
func Unexported(p private) {}
