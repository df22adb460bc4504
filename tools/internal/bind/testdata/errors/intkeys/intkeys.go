// Package intkeys is an error case of gowasm bind: map keys must be strings.
package intkeys

//gowasm:export
func IntKeys(m map[int]string) {}
