// Package wasicalc is bound with gowasm bind -target wasip1: one export
// per kind of value and per kind of fault, run in Node through node:wasi
// (e2e/wasi) and in Go through package host (e2e/host), and compared
// with the same package called natively.
package wasicalc

import (
	"errors"
	"os"
	"strings"
	"time"
)

// Point crosses the encoded path.
type Point struct {
	X     float64  `json:"x"`
	Y     float64  `json:"y"`
	Label string   `json:"label,omitempty"`
	Tags  []string `json:"tags"`
}

var calls int32

//gowasm:export
func Add(a, b int32) int32 { return a + b }

//gowasm:export
func Mul64(a, b int64) int64 { return a * b }

//gowasm:export
func Greet(name string) string { return "hello, " + strings.ToUpper(name) }

//gowasm:export
func Scale(v []float64, k float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x * k
	}
	return out
}

//gowasm:export
func Reverse(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[len(b)-1-i] = c
	}
	return out
}

//gowasm:export
func Mid(a, b Point) (Point, error) {
	if a.X == b.X && a.Y == b.Y {
		return Point{}, errors.New("wasicalc: the points are the same")
	}
	return Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2, Label: a.Label + b.Label, Tags: append(a.Tags, b.Tags...)}, nil
}

//gowasm:export
func Count(words map[string]int) int {
	n := 0
	for _, c := range words {
		n += c
	}
	return n
}

// Calls counts the calls of this instance: a fresh instance starts at 1.
//
//gowasm:export
func Calls() int32 {
	calls++
	return calls
}

//gowasm:export
func Boom(msg string) int32 { panic("wasicalc: " + msg) }

//gowasm:export
func Exit(code int32) int32 {
	os.Exit(int(code))
	return 0
}

// Sleep waits: under wasip1 a sync export can block the thread.
//
//gowasm:export
func Sleep(ms int32) int32 {
	time.Sleep(time.Duration(ms) * time.Millisecond)
	return ms
}

// Deadlock waits for what never comes: Go's fatal error, a trap.
//
//gowasm:export
func Deadlock() int32 {
	select {}
}

// Spin never returns: only a deadline stops it.
//
//gowasm:export
func Spin(seed int64) int64 {
	for {
		seed = seed*6364136223846793005 + 1442695040888963407
		if seed == 0 {
			return seed
		}
	}
}

// Grow allocates and touches mib MiB, and keeps them: past a host's
// memory cap, Go's allocator fails.
//
//gowasm:export
func Grow(mib int32) int32 {
	for range mib {
		block := make([]byte, 1<<20)
		for i := range block {
			block[i] = byte(i)
		}
		kept = append(kept, block)
	}
	return int32(len(kept))
}

var kept [][]byte
