// Package method is an error case of gowasm bind: methods cannot be exported.
package method

type T struct{}

//gowasm:export
func (T) Method() {}
