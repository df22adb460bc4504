// Package embeddedunexported is an error case of gowasm bind: generated code cannot reach an unexported embedded struct.
package embeddedunexported

type point struct{ X, Y float64 }

type Marker struct {
	point
	Label string
}

//gowasm:export
func Place(m Marker) {}
