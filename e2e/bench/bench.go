// Package bench holds the exports the bridge benchmark measures.
package bench

// Add is the call-overhead probe: (int32, int32) int32.
//
//gowasm:export
func Add(a, b int32) int32 { return a + b }

// Echo is the bulk-copy probe: a []byte in and the same bytes out.
//
//gowasm:export
func Echo(data []byte) []byte { return data }
