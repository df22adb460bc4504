// Package docs is a reference input of gowasm bind: Go doc comments become
// JSDoc, and a Deprecated: paragraph an @deprecated tag.
package docs

// Point is a place on the plane.
//
// Its zero value is the origin.
type Point struct {
	// X grows to the right.
	X float64 `json:"x"`
	Y float64 `json:"y"` // Y grows downwards.
	// Z is no longer used.
	//
	// Deprecated: points are flat; ignore Z.
	Z float64 `json:"z,omitempty"`
}

// Unit is a unit of length.
type Unit string

const (
	Metre Unit = "m" // Metre is the SI unit.
	// Foot is 0.3048 m.
	Foot Unit = "ft"
)

// Distance returns the distance between a and b in unit u.
//
//gowasm:export
func Distance(a, b Point, u Unit) float64 { return 0 }

// Length is Distance from the origin.
//
// Deprecated: use Distance with a zero Point.
//
//gowasm:export
func Length(p Point) float64 { return 0 }
