// Package bench holds the exports the benchmarks measure: the /bench
// page of the app and make bench (e2e/bench).
package bench

import "time"

// Add is the call-overhead probe: (int32, int32) int32.
//
//gowasm:export
func Add(a, b int32) int32 { return a + b }

// Echo is the bulk-copy probe: a []byte in and the same bytes out.
//
//gowasm:export
func Echo(data []byte) []byte { return data }

// Work is the CPU-bound probe of the pool benchmark: n rounds of an
// FNV-style mix, deterministic, so every worker returns the same hash.
//
//gowasm:export
func Work(n int32) uint32 {
	x := uint32(2166136261)
	for i := int32(0); i < n; i++ {
		x ^= uint32(i)
		x *= 16777619
		x = x<<13 | x>>19
	}
	return x
}

// Noop is the round-trip probe: a sync export that does nothing.
//
//gowasm:export
func Noop() {}

// Spin keeps its thread busy for ms milliseconds of wall time and returns
// how many rounds of Work's mix it ran. It never blocks: time.Now reads
// the clock synchronously, so the call stays one sync export.
//
//gowasm:export
func Spin(ms int32) uint32 {
	end := time.Now().Add(time.Duration(ms) * time.Millisecond)
	var rounds uint32
	for x := uint32(1); time.Now().Before(end); rounds += 1024 {
		for i := uint32(0); i < 1024; i++ {
			x = (x^i)*16777619 | 1
		}
		if x == 0 {
			break // never: x is odd; keeps the loop's result alive
		}
	}
	return rounds
}
