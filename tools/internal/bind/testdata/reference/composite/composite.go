// Package composite is a reference input of gowasm bind: structs with
// json tags, maps, slices and a recursive type.
package composite

// Point is a point in the plane.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Shape is a named polygon.
type Shape struct {
	Name    string             `json:"name"`
	Points  []Point            `json:"points"`
	Tags    map[string]string  `json:"tags,omitempty"`
	ID      int64              `json:"id"`
	Data    []byte             `json:"data"`
	Grouped map[string][]Point `json:"grouped"`
	Plain   bool
	Skipped string `json:"-"`
	hidden  int
	Dashed  int `json:"with-dash"`
}

// Tree is recursive.
type Tree struct {
	Value    int32  `json:"value"`
	Children []Tree `json:"children"`
}

//gowasm:export
func Centroid(s Shape) Point { return Point{} }

//gowasm:export
func Translate(s Shape, dx float64) (Shape, error) { return s, nil }

//gowasm:export
func Words(s string) []string { return nil }

//gowasm:export
func Histogram(words []string, weights map[string]float64) map[string]int { return nil }

//gowasm:export
func Walk(t Tree) []Tree { return nil }
