// Package anonymous is an error case of gowasm bind: anonymous structs have no TypeScript name.
package anonymous

//gowasm:export
func Anonymous(v struct{ X int }) {}
