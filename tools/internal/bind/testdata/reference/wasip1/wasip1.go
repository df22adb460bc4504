// Package wasip1 is a reference input of gowasm bind bound with -target
// wasip1 (its file target says so): a WASI reactor whose main registers
// the invokers in init, since a reactor never runs main. The shims and
// the binding are those of GOOS=js.
package wasip1

import "errors"

// Point is a composite crossing the encoded path.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

//gowasm:export
func Add(a, b int32) int32 { return a + b }

//gowasm:export
func Greet(name string) string { return "hello, " + name }

//gowasm:export
func Mid(a, b Point) (Point, error) {
	if a == b {
		return Point{}, errors.New("wasip1: the points are the same")
	}
	return Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}, nil
}
