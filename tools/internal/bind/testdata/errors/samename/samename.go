// Package samename is an error case of gowasm bind: two exports with one JavaScript name.
package samename

//gowasm:export
func Same() {}

//gowasm:export
func SAME() {}
