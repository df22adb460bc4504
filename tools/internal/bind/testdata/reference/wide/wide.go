// Package wide is a reference input of gowasm bind: sync exports whose
// parameters do not fit a //go:wasmexport shim (more than 16 wasm
// parameters, or more than 128 bytes of them and the result) are called
// inline through their invoker, with encoded arguments.
package wide

// Sixteen takes 16 wasm parameters, the most a shim may have.
//
//gowasm:export
func Sixteen(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p int32) int32 { return a + p }

// Seventeen takes one more: no shim.
//
//gowasm:export
func Seventeen(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q int32) int32 { return a + q }

// Strings takes 8 strings: 16 wasm parameters in 128 bytes, which fit.
//
//gowasm:export
func Strings(a, b, c, d, e, f, g, h string) {}

// Joined takes the same 8 strings and returns an int32: 132 bytes, which
// do not.
//
//gowasm:export
func Joined(a, b, c, d, e, f, g, h string) int32 { return 0 }

// Floats takes 16 float64s: 128 bytes, and its result would not fit.
//
//gowasm:export
func Floats(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p float64) float64 { return a }

// Bytes takes ten TypedArrays and returns one.
//
//gowasm:export
func Bytes(a, b, c, d, e, f, g, h, i []byte, j []float64) []byte { return a }
