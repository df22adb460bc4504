// Package embeddedpointer is an error case of gowasm bind: embedded pointers are not promoted.
package embeddedpointer

type Point struct{ X, Y float64 }

type Marker struct {
	*Point
	Label string
}

//gowasm:export
func Place(m Marker) {}
