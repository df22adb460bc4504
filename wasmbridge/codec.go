package wasmbridge

import (
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"
	"unsafe"
)

// The wire format of composite values (structs, maps, non-typed slices)
// and of async arguments and results. Every number is little-endian.
//
//	bool                    1 byte, 0 or 1
//	int8, uint8             1 byte
//	int16, uint16           2 bytes
//	int32, uint32, float32  4 bytes
//	int64, uint64, float64  8 bytes
//	int, uint               8 bytes, as float64 (JavaScript numbers)
//	string                  uint32 byte length, then UTF-8 bytes
//	[]T (TypedArray T)      uint32 element count, then the raw elements
//	[]T (other T)           uint32 element count, then each element
//	map[string]V            uint32 entry count, then key, value pairs
//	                        in ascending key order
//	struct                  each field in declaration order
//
// Nil and empty slices and maps are the same on the wire: JavaScript has
// no nil TypedArray, and one representation keeps results comparable.

// maxSafeInteger is the largest integer a JavaScript number holds exactly.
const maxSafeInteger = 1<<53 - 1

func isSafeInt(v int) bool   { return -maxSafeInteger <= v && v <= maxSafeInteger }
func isSafeUint(v uint) bool { return v <= maxSafeInteger }

// ErrUnsafeInteger is returned when an int or uint does not fit a
// JavaScript number exactly.
var ErrUnsafeInteger = errors.New("integer outside JavaScript's safe range (±2^53-1); use int64 for a bigint")

// Encoder appends values in the wire format. The zero value is ready.
type Encoder struct {
	buf []byte
	err error
}

// Reset empties the encoder, keeping its buffer.
func (e *Encoder) Reset() { e.buf, e.err = e.buf[:0], nil }

// Bytes returns the encoded bytes. They alias the encoder's buffer.
func (e *Encoder) Bytes() []byte { return e.buf }

// Err reports the first value that could not be encoded.
func (e *Encoder) Err() error { return e.err }

func (e *Encoder) Bool(v bool) {
	if v {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *Encoder) Uint8(v uint8)   { e.buf = append(e.buf, v) }
func (e *Encoder) Int8(v int8)     { e.buf = append(e.buf, uint8(v)) }
func (e *Encoder) Uint16(v uint16) { e.buf = append(e.buf, byte(v), byte(v>>8)) }
func (e *Encoder) Int16(v int16)   { e.Uint16(uint16(v)) }
func (e *Encoder) Uint32(v uint32) {
	e.buf = append(e.buf, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}
func (e *Encoder) Int32(v int32)     { e.Uint32(uint32(v)) }
func (e *Encoder) Float32(v float32) { e.Uint32(math.Float32bits(v)) }
func (e *Encoder) Uint64(v uint64) {
	e.buf = append(e.buf, byte(v), byte(v>>8), byte(v>>16), byte(v>>24),
		byte(v>>32), byte(v>>40), byte(v>>48), byte(v>>56))
}
func (e *Encoder) Int64(v int64)     { e.Uint64(uint64(v)) }
func (e *Encoder) Float64(v float64) { e.Uint64(math.Float64bits(v)) }

// Int encodes v as a JavaScript number, recording ErrUnsafeInteger when
// it would lose precision.
func (e *Encoder) Int(v int) {
	if !isSafeInt(v) {
		e.setErr(ErrUnsafeInteger)
	}
	e.Float64(float64(v))
}

// Uint encodes v as a JavaScript number, like Int.
func (e *Encoder) Uint(v uint) {
	if !isSafeUint(v) {
		e.setErr(ErrUnsafeInteger)
	}
	e.Float64(float64(v))
}

// Len encodes the length of a string, slice or map.
func (e *Encoder) Len(n int) {
	if n > math.MaxUint32 {
		e.setErr(errors.New("value too large: length " + strconv.Itoa(n) + " exceeds 4 GiB"))
	}
	e.Uint32(uint32(n))
}

func (e *Encoder) String(s string) {
	e.Len(len(s))
	e.buf = append(e.buf, s...)
}

func (e *Encoder) setErr(err error) {
	if e.err == nil {
		e.err = err
	}
}

// Number is an element type that crosses as a JavaScript TypedArray.
type Number interface {
	~int8 | ~uint8 | ~int16 | ~uint16 | ~int32 | ~uint32 |
		~int64 | ~uint64 | ~float32 | ~float64
}

// EncodeNumbers appends s as a TypedArray: its length, then its raw
// elements. It relies on a little-endian host, as wasm is.
func EncodeNumbers[T Number](e *Encoder, s []T) {
	e.Len(len(s))
	e.buf = append(e.buf, rawBytes(s)...)
}

// rawBytes views the memory of s as bytes without copying.
func rawBytes[T Number](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero)))
}

// ErrShortInput is reported when encoded input ends early.
var ErrShortInput = errors.New("wasmbridge: encoded input ends early")

// Decoder reads values in the wire format. On malformed input it panics
// with ErrShortInput; generated shims turn that into a GoPanicError.
type Decoder struct {
	buf []byte
	off int
}

// NewDecoder returns a decoder over b, which it does not copy: strings it
// returns may alias b, so b must not change afterwards.
func NewDecoder(b []byte) *Decoder { return &Decoder{buf: b} }

// Done reports whether all input was consumed.
func (d *Decoder) Done() bool { return d.off == len(d.buf) }

func (d *Decoder) next(n int) []byte {
	if n < 0 || len(d.buf)-d.off < n {
		panic(ErrShortInput)
	}
	b := d.buf[d.off : d.off+n]
	d.off += n
	return b
}

func (d *Decoder) Bool() bool     { return d.next(1)[0] != 0 }
func (d *Decoder) Uint8() uint8   { return d.next(1)[0] }
func (d *Decoder) Int8() int8     { return int8(d.Uint8()) }
func (d *Decoder) Uint16() uint16 { b := d.next(2); return uint16(b[0]) | uint16(b[1])<<8 }
func (d *Decoder) Int16() int16   { return int16(d.Uint16()) }
func (d *Decoder) Uint32() uint32 {
	b := d.next(4)
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
func (d *Decoder) Int32() int32     { return int32(d.Uint32()) }
func (d *Decoder) Float32() float32 { return math.Float32frombits(d.Uint32()) }
func (d *Decoder) Uint64() uint64 {
	b := d.next(8)
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
func (d *Decoder) Int64() int64     { return int64(d.Uint64()) }
func (d *Decoder) Float64() float64 { return math.Float64frombits(d.Uint64()) }
func (d *Decoder) Int() int         { return int(d.Float64()) }
func (d *Decoder) Uint() uint       { return uint(d.Float64()) }
func (d *Decoder) Len() int         { return int(d.Uint32()) }

// String returns a string that aliases the decoder's input.
func (d *Decoder) String() string {
	b := d.next(d.Len())
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// DecodeNumbers reads a TypedArray into a new slice.
func DecodeNumbers[T Number](d *Decoder) []T {
	n := d.Len()
	var zero T
	size := int(unsafe.Sizeof(zero))
	if n > (len(d.buf)-d.off)/size {
		panic(ErrShortInput)
	}
	s := make([]T, n)
	copy(rawBytes(s), d.next(n*size))
	return s
}

// SortedKeys returns the keys of m in ascending order, so that encoded
// maps do not depend on Go's randomised iteration order.
func SortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
