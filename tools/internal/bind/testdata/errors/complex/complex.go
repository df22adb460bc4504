// Package complex is an error case of gowasm bind: complex numbers have no JavaScript form.
package complex

//gowasm:export
func Complex(c complex128) {}
