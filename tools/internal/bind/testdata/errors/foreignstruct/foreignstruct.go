// Package foreignstruct is an error case of gowasm bind: a struct of another package is not bound.
package foreignstruct

import "image"

//gowasm:export
func Origin(p image.Point) {}
