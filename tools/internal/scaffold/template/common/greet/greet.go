// Package greet is the Go side of your app: ordinary Go functions, tested
// natively, exported to JavaScript by their //gowasm:export directives.
package greet

import (
	"errors"
	"strings"
)

// Greet returns a greeting for name.
//
//gowasm:export
func Greet(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "stranger"
	}
	return "Hello, " + name + "!"
}

// Fib returns the n-th Fibonacci number.
//
//gowasm:export
func Fib(n int32) (int64, error) {
	if n < 0 || n > 92 {
		return 0, errors.New("n must be in [0, 92] to fit an int64")
	}
	a, b := int64(0), int64(1)
	for range n {
		a, b = b, a+b
	}
	return a, nil
}
