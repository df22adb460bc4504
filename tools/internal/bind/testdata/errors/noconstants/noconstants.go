// Package noconstants is an error case of gowasm bind: a defined string type without constants is no enum.
package noconstants

type Kind string

//gowasm:export
func Named(k Kind) {}
