// Package scalars is a reference input of gowasm bind: every scalar kind,
// strings, TypedArrays and errors on the sync path.
package scalars

import "errors"

// Add adds two int32 values.
//
//gowasm:export
func Add(a, b int32) int32 { return a + b }

//gowasm:export
func Kinds(b bool, i8 int8, u8 uint8, i16 int16, u16 uint16, u32 uint32, i int, u uint, i64 int64, u64 uint64, f32 float32, f64 float64) uint64 {
	return 0
}

//gowasm:export
func Unsigned(v uint32) uint32 { return v }

//gowasm:export
func Wide(v uint64) uint64 { return v }

//gowasm:export
func Count(s string) int { return len(s) }

//gowasm:export
func IsEmpty(s string) bool { return s == "" }

// SHA256Hex returns a hex digest (here: a stand-in).
//
//gowasm:export
func SHA256Hex(data []byte) string { return string(data) }

//gowasm:export
func HTMLToText(html string) (string, error) { return html, nil }

//gowasm:export
func Scale(v []float64, k float32) ([]float64, error) {
	if k == 0 {
		return nil, errors.New("zero")
	}
	return v, nil
}

//gowasm:export
func Check(name string) error { return nil }

//gowasm:export
func Reset() {}

// NotExported has no directive and is ignored.
func NotExported() {}
