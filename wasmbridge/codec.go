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
//	struct                  each field in declaration order; an
//	                        omitempty field is a bool first, 0 when
//	                        it is absent (and Go's zero value)
//	*T                      a bool, 0 for nil; then T unless nil
//	time.Duration           float64 milliseconds (see Encoder.Duration)
//	time.Time               float64 whole milliseconds since the Unix
//	                        epoch, as a JavaScript Date holds it
//	several results         each in order
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

// ErrInexactDuration is returned for a time.Duration that a JavaScript
// number of milliseconds cannot hold to the nanosecond.
var ErrInexactDuration = errors.New("time.Duration not exact as a JavaScript number of milliseconds (exact within ±2^51 ns, about 26 days, and for whole milliseconds)")

// ErrDateRange is returned for a time.Time outside a JavaScript Date's
// range, ±8.64e15 ms around the Unix epoch.
var ErrDateRange = errors.New("time.Time outside the range of a JavaScript Date (±8.64e15 ms around 1970)")

// The codecs of time.Duration and time.Time take and return their parts
// as integers: importing package time would add about 230 KB to every
// module, so only the generated code of modules that use them does.

// Duration encodes a time.Duration of d nanoseconds as a JavaScript
// number of milliseconds, recording ErrInexactDuration unless the number
// gives back d exactly (see MillisToDuration).
func (e *Encoder) Duration(d int64) {
	ms := float64(d) / 1e6
	if back, ok := MillisToDuration(ms); !ok || back != d {
		e.setErr(ErrInexactDuration)
	}
	e.Float64(ms)
}

// maxDateMillis bounds a JavaScript Date's time value.
const maxDateMillis = 8.64e15

// Time encodes a time.Time, given as its Unix seconds and nanoseconds
// (t.Unix(), t.Nanosecond()), as a JavaScript Date's time value: whole
// milliseconds since the Unix epoch, rounded down. Zone and
// sub-millisecond digits are not kept; a time outside a Date's range
// records ErrDateRange.
func (e *Encoder) Time(sec int64, nsec int) {
	if sec > maxDateMillis/1000 || sec < -maxDateMillis/1000-1 { // before sec*1000 can overflow
		e.setErr(ErrDateRange)
		sec = 0
	}
	ms := sec*1000 + int64(nsec/1e6)
	if ms > maxDateMillis || ms < -maxDateMillis {
		e.setErr(ErrDateRange)
	}
	e.Float64(float64(ms))
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

// ErrShortInput is reported when encoded input ends before a value it
// announces: a length or count larger than the bytes left.
var ErrShortInput = errors.New("encoded input ends early")

// Decoder reads values in the wire format. It trusts nothing it reads:
// a length or count is checked against the input left before anything is
// allocated for it, and a value outside its type's range is an error. The
// first error sticks; later reads return zero values, so generated code
// checks Err once per parameter.
type Decoder struct {
	buf []byte
	off int
	err error
	// copyStrings makes String copy, for input its owner overwrites.
	copyStrings bool
}

// NewDecoder returns a decoder over b, which it does not copy: strings it
// returns may alias b, so b must not change afterwards.
func NewDecoder(b []byte) *Decoder { return &Decoder{buf: b} }

// Err reports the first malformed value, if any.
func (d *Decoder) Err() error { return d.err }

// Check returns d's error as an ArgumentError naming param, the
// parameter just decoded.
func (d *Decoder) Check(param string) error {
	if d.err != nil {
		return &ArgumentError{Param: param, Err: d.err}
	}
	return nil
}

// Finish is Check for the last parameter: input left over after it is
// an error too.
func (d *Decoder) Finish(param string) error {
	if d.err == nil && d.off != len(d.buf) {
		d.fail(errors.New(strconv.Itoa(len(d.buf)-d.off) + " bytes left over after the last value"))
	}
	return d.Check(param)
}

func (d *Decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// take returns the next n bytes, or nil (and an error) when fewer are left.
func (d *Decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || len(d.buf)-d.off < n {
		d.fail(ErrShortInput)
		return nil
	}
	b := d.buf[d.off : d.off+n : d.off+n]
	d.off += n
	return b
}

// fixed returns the next n ≤ 8 bytes, or zeros after an error.
func (d *Decoder) fixed(n int) []byte {
	if b := d.take(n); b != nil {
		return b
	}
	return make([]byte, n)
}

// Bool reads a bool, which must be 0 or 1.
func (d *Decoder) Bool() bool {
	b := d.fixed(1)[0]
	if b > 1 {
		d.fail(errors.New("a bool is " + strconv.Itoa(int(b)) + ", not 0 or 1"))
	}
	return b == 1
}

func (d *Decoder) Uint8() uint8   { return d.fixed(1)[0] }
func (d *Decoder) Int8() int8     { return int8(d.Uint8()) }
func (d *Decoder) Uint16() uint16 { b := d.fixed(2); return uint16(b[0]) | uint16(b[1])<<8 }
func (d *Decoder) Int16() int16   { return int16(d.Uint16()) }
func (d *Decoder) Uint32() uint32 {
	b := d.fixed(4)
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
func (d *Decoder) Int32() int32     { return int32(d.Uint32()) }
func (d *Decoder) Float32() float32 { return math.Float32frombits(d.Uint32()) }
func (d *Decoder) Uint64() uint64 {
	b := d.fixed(8)
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
func (d *Decoder) Int64() int64     { return int64(d.Uint64()) }
func (d *Decoder) Float64() float64 { return math.Float64frombits(d.Uint64()) }

// Int reads an int, sent as a JavaScript number: it must be a safe integer.
func (d *Decoder) Int() int {
	f := d.Float64()
	if f != math.Trunc(f) || math.Abs(f) > maxSafeInteger {
		d.fail(errors.New("an int is " + strconv.FormatFloat(f, 'g', -1, 64) + ", not a safe integer"))
		return 0
	}
	return int(f)
}

// Uint reads a uint, sent as a JavaScript number: a non-negative safe integer.
func (d *Decoder) Uint() uint {
	f := d.Float64()
	if f != math.Trunc(f) || f < 0 || f > maxSafeInteger {
		d.fail(errors.New("a uint is " + strconv.FormatFloat(f, 'g', -1, 64) + ", not a non-negative safe integer"))
		return 0
	}
	return uint(f)
}

// Duration reads milliseconds as the nanoseconds of a time.Duration:
// they must be a whole number of nanoseconds that gives them back
// exactly (see MillisToDuration).
func (d *Decoder) Duration() int64 {
	ms := d.Float64()
	v, ok := MillisToDuration(ms)
	if !ok {
		d.fail(errors.New("a time.Duration is " + strconv.FormatFloat(ms, 'g', -1, 64) + " ms, not a whole number of nanoseconds"))
	}
	return v
}

// MillisToDuration is the nanoseconds of the time.Duration that a
// JavaScript number of milliseconds stands for: ms·10^6 rounded half
// away from zero, when it fits an int64 and divides back to ms exactly;
// the binding's check in JavaScript computes the same. Every Duration
// within ±2^51 ns gives back itself through Encoder.Duration and this.
func MillisToDuration(ms float64) (int64, bool) {
	ns := math.Round(ms * 1e6)
	if !(ns >= -1<<63 && ns < 1<<63) || ns/1e6 != ms {
		return 0, false
	}
	return int64(ns), true
}

// Time reads a JavaScript Date's time value, whole milliseconds within
// its range, for time.UnixMilli.
func (d *Decoder) Time() int64 {
	ms := d.Float64()
	if ms != math.Trunc(ms) || math.Abs(ms) > maxDateMillis {
		d.fail(errors.New("a time.Time is " + strconv.FormatFloat(ms, 'g', -1, 64) + " ms, not a valid Date's time value"))
		return 0
	}
	return int64(ms)
}

// String returns a string that aliases the decoder's input, unless it
// copies strings.
func (d *Decoder) String() string {
	b := d.take(int(d.Uint32()))
	if len(b) == 0 {
		return ""
	}
	if d.copyStrings {
		return string(b)
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// Count reads the element count of a slice or map whose elements take at
// least min bytes each on the wire. A count the input left cannot hold is
// an error, and 0 is returned, so that nothing is allocated for it.
func (d *Decoder) Count(min int) int {
	n := int(d.Uint32())
	if d.err == nil && min > 0 && n > (len(d.buf)-d.off)/min {
		d.fail(errors.New("a count of " + strconv.Itoa(n) + " elements of at least " + strconv.Itoa(min) +
			" bytes each exceeds the " + strconv.Itoa(len(d.buf)-d.off) + " bytes left"))
	}
	if d.err != nil {
		return 0
	}
	return n
}

// DecodeNumbers reads a TypedArray into a new slice.
func DecodeNumbers[T Number](d *Decoder) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	n := d.Count(size)
	b := d.take(n * size)
	if b == nil {
		return []T{}
	}
	s := make([]T, n)
	copy(rawBytes(s), b)
	return s
}

// UnknownValue records that v, a value of the enum type typ, is none of
// its constants: JavaScript would get a value its types do not allow.
// v is the value as a string, int64 or uint64.
func (e *Encoder) UnknownValue(typ string, v any) { e.setErr(unknownValue(typ, v)) }

// UnknownValue fails the decoder for v, a value of the enum type typ that
// is none of its constants, like Encoder.UnknownValue.
func (d *Decoder) UnknownValue(typ string, v any) { d.fail(unknownValue(typ, v)) }

func unknownValue(typ string, v any) error {
	var s string
	switch v := v.(type) {
	case string:
		s = strconv.Quote(v)
	case int64:
		s = strconv.FormatInt(v, 10)
	case uint64:
		s = strconv.FormatUint(v, 10)
	}
	return errors.New(typ + " " + s + " is none of its constants")
}

// ArgumentError reports an argument that reached Go malformed. The
// JavaScript checks let only well-formed values through, so it means the
// binding and the module disagree on the wire format; JavaScript throws a
// TypeError naming the parameter.
type ArgumentError struct {
	Param string // the parameter, or "" when the arguments as a whole are at fault
	Err   error
}

func (e *ArgumentError) Error() string {
	return "parameter " + strconv.Quote(e.Param) + " reached Go malformed: " + e.Err.Error()
}

func (e *ArgumentError) Unwrap() error { return e.Err }

// SortedKeys returns the keys of m in ascending order, so that encoded
// maps do not depend on Go's randomised iteration order.
func SortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
