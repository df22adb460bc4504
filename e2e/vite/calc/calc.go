// Package calc is the Go side of the app: ordinary functions, exported
// to JavaScript by their //gowasm:export directives.
package calc

// Add adds two int32 values.
//
//gowasm:export
func Add(a, b int32) int32 { return a + b }

// Greet greets name.
//
//gowasm:export
func Greet(name string) string { return "Hello, " + name + "!" }

// Mean is the mean of values.
//
//gowasm:export
func Mean(values []float64) float64 {
	var sum float64
	for _, v := range values {
		sum += v
	}
	return sum / float64(len(values))
}

// Version names this build of the package.
//
//gowasm:export
func Version() string { return "v1" }
