// Package genericstruct is an error case of gowasm bind: generic structs are not bound.
package genericstruct

type Box[T any] struct{ V T }

//gowasm:export
func Unbox(b Box[int32]) {}
