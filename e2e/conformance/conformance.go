// Package conformance exercises every row of gowasm's type table. Its
// tests call each export from JavaScript (Node and headless Chromium) and
// compare the outcome with the same function called natively.
package conformance

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/gowasm/gowasm/wasmbridge"
)

// Xor returns a != b.
//
//gowasm:export
func Xor(a, b bool) bool { return a != b }

// Mul8 multiplies an int8 by a uint8.
//
//gowasm:export
func Mul8(a int8, b uint8) int32 { return int32(a) * int32(b) }

// Mul16 multiplies an int16 by a uint16.
//
//gowasm:export
func Mul16(a int16, b uint16) int32 { return int32(a) * int32(b) }

// Add adds two int32 values, wrapping on overflow.
//
//gowasm:export
func Add(a, b int32) int32 { return a + b }

// AddU32 adds two uint32 values, wrapping on overflow.
//
//gowasm:export
func AddU32(a, b uint32) uint32 { return a + b }

// Neg8 negates an int8, wrapping on overflow.
//
//gowasm:export
func Neg8(v int8) int8 { return -v }

// Inc8 increments a uint8, wrapping on overflow.
//
//gowasm:export
func Inc8(v uint8) uint8 { return v + 1 }

// Neg16 negates an int16, wrapping on overflow.
//
//gowasm:export
func Neg16(v int16) int16 { return -v }

// Inc16 increments a uint16, wrapping on overflow.
//
//gowasm:export
func Inc16(v uint16) uint16 { return v + 1 }

// Sum adds an int and a uint as a Go int.
//
//gowasm:export
func Sum(a int, b uint) int { return a + int(b) }

// Twice doubles a uint.
//
//gowasm:export
func Twice(v uint) uint { return 2 * v }

// Neg64 negates an int64 (MinInt64 stays itself).
//
//gowasm:export
func Neg64(v int64) int64 { return -v }

// Mix64 combines an int64 and a uint64.
//
//gowasm:export
func Mix64(a int64, b uint64) uint64 { return uint64(a) ^ b }

// Half32 halves a float32.
//
//gowasm:export
func Half32(v float32) float32 { return v / 2 }

// Scale multiplies a float32 by a float64.
//
//gowasm:export
func Scale(a float32, b float64) float64 { return float64(a) * b }

// Hypot is math.Hypot; it maps NaN and ±Inf through.
//
//gowasm:export
func Hypot(a, b float64) float64 { return math.Hypot(a, b) }

// Reverse reverses a string by runes.
//
//gowasm:export
func Reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// Describe reports the byte and rune lengths of s.
//
//gowasm:export
func Describe(s string) Lengths {
	return Lengths{Bytes: len(s), Runes: utf8.RuneCountInString(s), HasNUL: strings.ContainsRune(s, 0)}
}

// Lengths measures a string.
type Lengths struct {
	Bytes  int  `json:"bytes"`
	Runes  int  `json:"runes"`
	HasNUL bool `json:"hasNUL"`
}

// Concat joins two strings.
//
//gowasm:export
func Concat(a, b string) string { return a + b }

// ReverseBytes returns the bytes of b in reverse order.
//
//gowasm:export
func ReverseBytes(b []byte) []byte {
	out := slices.Clone(b)
	slices.Reverse(out)
	return out
}

// NilBytes returns a nil slice.
//
//gowasm:export
func NilBytes() []byte { return nil }

// IncInt8s adds one to each element.
//
//gowasm:export
func IncInt8s(v []int8) []int8 { return mapSlice(v, func(x int8) int8 { return x + 1 }) }

// IncInt16s adds one to each element.
//
//gowasm:export
func IncInt16s(v []int16) []int16 { return mapSlice(v, func(x int16) int16 { return x + 1 }) }

// IncUint16s adds one to each element.
//
//gowasm:export
func IncUint16s(v []uint16) []uint16 { return mapSlice(v, func(x uint16) uint16 { return x + 1 }) }

// IncInt32s adds one to each element.
//
//gowasm:export
func IncInt32s(v []int32) []int32 { return mapSlice(v, func(x int32) int32 { return x + 1 }) }

// IncUint32s adds one to each element.
//
//gowasm:export
func IncUint32s(v []uint32) []uint32 { return mapSlice(v, func(x uint32) uint32 { return x + 1 }) }

// IncInt64s adds one to each element.
//
//gowasm:export
func IncInt64s(v []int64) []int64 { return mapSlice(v, func(x int64) int64 { return x + 1 }) }

// IncUint64s adds one to each element.
//
//gowasm:export
func IncUint64s(v []uint64) []uint64 { return mapSlice(v, func(x uint64) uint64 { return x + 1 }) }

// HalveFloat32s halves each element.
//
//gowasm:export
func HalveFloat32s(v []float32) []float32 {
	return mapSlice(v, func(x float32) float32 { return x / 2 })
}

// SumFloat64s adds the elements.
//
//gowasm:export
func SumFloat64s(v []float64) float64 {
	var sum float64
	for _, x := range v {
		sum += x
	}
	return sum
}

// NegateFloat64s negates each element.
//
//gowasm:export
func NegateFloat64s(v []float64) []float64 { return mapSlice(v, func(x float64) float64 { return -x }) }

func mapSlice[T any](v []T, f func(T) T) []T {
	out := make([]T, len(v))
	for i, x := range v {
		out[i] = f(x)
	}
	return out
}

// Point is a point in the plane.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Shape is a named polygon with metadata.
type Shape struct {
	Name     string             `json:"name"`
	Points   []Point            `json:"points"`
	Tags     map[string]string  `json:"tags,omitempty"`
	ID       int64              `json:"id"`
	Data     []byte             `json:"data"`
	Visible  bool               `json:"visible"`
	Groups   map[string][]Point `json:"groups"`
	Nested   []map[string]int32 `json:"nested"`
	Weight   float32            `json:"weight"`
	Unsigned uint64             `json:"unsigned"`
	Untagged string
	Ignored  string `json:"-"`
	private  int
}

// Centroid returns the mean of a shape's points.
//
//gowasm:export
func Centroid(s Shape) Point {
	var c Point
	for _, p := range s.Points {
		c.X += p.X
		c.Y += p.Y
	}
	if n := float64(len(s.Points)); n > 0 {
		c.X /= n
		c.Y /= n
	}
	return c
}

// Translate moves every point of a shape and records the move in its tags.
//
//gowasm:export
func Translate(s Shape, dx, dy float64) Shape {
	out := s
	out.Points = mapSlice(s.Points, func(p Point) Point { return Point{p.X + dx, p.Y + dy} })
	out.Tags = map[string]string{"moved": "yes"}
	for k, v := range s.Tags {
		out.Tags[k] = v
	}
	out.ID = s.ID + 1
	out.Data = ReverseBytes(s.Data)
	out.Unsigned = s.Unsigned + 1
	return out
}

// Words splits s around whitespace.
//
//gowasm:export
func Words(s string) []string { return strings.Fields(s) }

// Join joins parts with sep.
//
//gowasm:export
func Join(parts []string, sep string) string { return strings.Join(parts, sep) }

// Histogram counts each word.
//
//gowasm:export
func Histogram(words []string) map[string]int {
	h := map[string]int{}
	for _, w := range words {
		h[w]++
	}
	return h
}

// Flags negates each boolean.
//
//gowasm:export
func Flags(v []bool) []bool { return mapSlice(v, func(b bool) bool { return !b }) }

// Quadrants groups points by the quadrant they lie in.
//
//gowasm:export
func Quadrants(points []Point) map[string][]Point {
	q := map[string][]Point{}
	for _, p := range points {
		key := "+"
		if p.X < 0 {
			key = "-"
		}
		if p.Y < 0 {
			key += "-"
		} else {
			key += "+"
		}
		q[key] = append(q[key], p)
	}
	return q
}

// Tree is a recursive type.
type Tree struct {
	Value    int32  `json:"value"`
	Children []Tree `json:"children"`
}

// Depth returns the depth of a tree and a copy with every value doubled.
//
//gowasm:export
func Depth(t Tree) Tree {
	out := Tree{Value: t.Value * 2}
	for _, c := range t.Children {
		out.Children = append(out.Children, Depth(c))
	}
	return out
}

// ErrDivideByZero is returned by Divide.
var ErrDivideByZero = errors.New("division by zero")

// Divide divides a by b, failing on zero.
//
//gowasm:export
func Divide(a, b float64) (float64, error) {
	if b == 0 {
		return 0, ErrDivideByZero
	}
	return a / b, nil
}

// Validate fails for empty names.
//
//gowasm:export
func Validate(name string) error {
	if name == "" {
		return errors.New("name must not be empty")
	}
	return nil
}

// Explode panics with msg.
//
//gowasm:export
func Explode(msg string) int32 { panic(msg) }

// At indexes v, panicking with a runtime error when i is out of range.
//
//gowasm:export
func At(v []int32, i int) int32 { return v[i] }

// Big returns a Go int, failing when it is too large for a JavaScript number.
//
//gowasm:export
func Big(shift uint8) int { return 1 << shift }

// Sleepy blocks on the sync path, which cannot work under GOOS=js.
//
//gowasm:export
func Sleepy(ms int32) int32 {
	time.Sleep(time.Duration(ms) * time.Millisecond)
	return ms
}

// counter is Go state that survives between calls of one instance.
var counter int32

// Count increments and returns a counter kept in Go memory.
//
//gowasm:export
func Count() int32 {
	counter++
	return counter
}

// SlowDouble doubles v in steps, sleeping between them and reporting progress.
//
//gowasm:export
func SlowDouble(ctx context.Context, v int64, steps int32, progress func(step, total int32)) (int64, error) {
	for i := range steps {
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(time.Millisecond):
		}
		progress(i+1, steps)
	}
	return 2 * v, nil
}

// AsyncWords is Words on the async path, with a composite argument and result.
//
//gowasm:export
func AsyncWords(ctx context.Context, s Shape) ([]string, error) {
	if s.Name == "" {
		return nil, errors.New("shape needs a name")
	}
	return append(Words(s.Name), s.Untagged), nil
}

// AsyncLen is the byte count of data, on the async path.
//
//gowasm:export
func AsyncLen(ctx context.Context, data []byte) int32 { return int32(len(data)) }

// AsyncPanic panics on its goroutine.
//
//gowasm:export
func AsyncPanic(ctx context.Context, msg string) error { panic(msg) }

// cancelled counts the calls of WaitForCancel that saw their context end.
var cancelled atomic.Int32

// WaitForCancel blocks until its context is cancelled.
//
//gowasm:export
func WaitForCancel(ctx context.Context) error {
	<-ctx.Done()
	cancelled.Add(1)
	return ctx.Err()
}

// Cancelled returns how many WaitForCancel calls saw their context end.
//
//gowasm:export
func Cancelled() int32 { return cancelled.Load() }

// Exit ends the Go program, as a fatal error would.
//
//gowasm:export
func Exit(code int32) int32 {
	os.Exit(int(code))
	return 0
}

// AsyncExit ends the Go program from a goroutine while the call is pending.
//
//gowasm:export
func AsyncExit(ctx context.Context, code int32) error {
	time.Sleep(time.Millisecond)
	os.Exit(int(code))
	return nil
}

// Shadow has parameters named like the generated JavaScript's locals.
//
//gowasm:export
func Shadow(rt int32, encodeShape string) string {
	return encodeShape + ":" + strconv.Itoa(int(rt))
}

// Alloc is named like wasmbridge's own allocator export.
//
//gowasm:export
func Alloc(n int32) int32 { return n * 2 }

// New is a JavaScript keyword as a method name.
//
//gowasm:export
func New(v int32) int32 { return v + 1 }

// Odd has a field whose JSON name is __proto__.
type Odd struct {
	Proto string `json:"__proto__"`
	Plain string `json:"plain"`
}

// EchoOdd returns o with both fields swapped.
//
//gowasm:export
func EchoOdd(o Odd) Odd { return Odd{Proto: o.Plain, Plain: o.Proto} }

// BadError returns an error whose text is not valid UTF-8.
//
//gowasm:export
func BadError() error { return errors.New("bad byte \xff here") }

// BadWords returns a string that is not valid UTF-8 inside a slice.
//
//gowasm:export
func BadWords() []string { return []string{"fine", "bad \xff"} }

// Busy computes for ms milliseconds on the sync path without blocking, as
// a long calculation does; it returns how many rounds it ran.
//
//gowasm:export
func Busy(ms int32) int32 {
	deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
	rounds := int32(0)
	for time.Now().Before(deadline) {
		rounds++
	}
	return rounds
}

// hogged keeps what Hog allocates reachable.
var hogged [][]byte

// Hog allocates until the Go program runs out of memory and dies.
//
//gowasm:export
func Hog() int32 {
	for {
		chunk := make([]byte, 64<<20)
		chunk[len(chunk)-1] = 1 // touch it, so nothing is optimised away
		hogged = append(hogged, chunk)
	}
}

// Steps reports progress n times while it computes, never yielding to
// JavaScript, and returns n.
//
//gowasm:export
func Steps(ctx context.Context, n int32, progress func(done, total int32)) int32 {
	for i := range n {
		progress(i+1, n)
	}
	return n
}

// Checksum is the hex SHA-256 of everything src delivers, read as a
// stream; progress reports bytes read so far.
//
//gowasm:export
func Checksum(ctx context.Context, src wasmbridge.Reader, progress func(done, total int64)) (string, error) {
	h := sha256.New()
	buf := make([]byte, 256<<10)
	var done int64
	for {
		n, err := src.Read(buf)
		h.Write(buf[:n])
		done += int64(n)
		if n > 0 {
			progress(done, src.Size())
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
	}
	if done != src.Size() {
		return "", errors.New("read " + strconv.FormatInt(done, 10) + " bytes of " + strconv.FormatInt(src.Size(), 10))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// AsyncFatal panics on a goroutine of its own, where nothing recovers:
// the Go program dies while the call is pending.
//
//gowasm:export
func AsyncFatal(ctx context.Context) error {
	go func() { panic("unrecovered on a goroutine") }()
	<-ctx.Done()
	return ctx.Err()
}

// trapAddress is past the end of any Go wasm memory (4 GiB at most).
const trapAddress = 1<<32 - 16

// Trap reads memory that does not exist: the WebAssembly engine traps
// ("memory access out of bounds"), as a runtime bug or unsafe code would.
//
//gowasm:export
func Trap() int32 {
	return *(*int32)(unsafe.Add(unsafe.Pointer(nil), trapAddress))
}

// AsyncTrap traps on the goroutine of an async call.
//
//gowasm:export
func AsyncTrap(ctx context.Context) (int32, error) {
	time.Sleep(time.Millisecond)
	return Trap(), nil
}

// Long returns a string of n bytes: past 2^29, too long for a
// JavaScript string.
//
//gowasm:export
func Long(n int32) string { return strings.Repeat("x", int(n)) }
