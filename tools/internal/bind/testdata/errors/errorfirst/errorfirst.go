// Package errorfirst is an error case of gowasm bind: only the last result can be an error.
package errorfirst

//gowasm:export
func ErrorFirst() (error, int32) { return nil, 0 }
