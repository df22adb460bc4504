// Package generic is an error case of gowasm bind: generic functions cannot be exported.
package generic

//gowasm:export
func Generic[E any](v E) {}
