package greet

import "testing"

func TestGreet(t *testing.T) {
	if got := Greet("  gopher "); got != "Hello, gopher!" {
		t.Fatalf("Greet = %q", got)
	}
}

func TestFib(t *testing.T) {
	if got, _ := Fib(10); got != 55 {
		t.Fatalf("Fib(10) = %d", got)
	}
	if _, err := Fib(93); err == nil {
		t.Fatal("Fib(93) overflowed silently")
	}
}
