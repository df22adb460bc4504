// Package boundary is the fuzzer's target: an export for every row of
// the type table, each returning what it received or a digest of it, so
// that a value that crosses the boundary wrongly, in either direction,
// shows in the result. The fuzzer calls them from JavaScript and replays
// every call natively (see package fuzz).
//
// Parameters are named after the JavaScript global their check would
// use (Number.isSafeInteger, BigInt.asIntN, Math.abs, instanceof
// Uint8Array, Array.isArray, JSON.stringify, Promise.reject): a binding
// that named its JavaScript parameters after Go's would break.
package boundary

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/gowasm/gowasm/wasmbridge"
)

// Bool returns its argument.
//
//gowasm:export
func Bool(Boolean bool) bool { return Boolean }

// Int8 returns its argument.
//
//gowasm:export
func Int8(Number int8) int8 { return Number }

// Uint8 returns its argument.
//
//gowasm:export
func Uint8(Number uint8) uint8 { return Number }

// Int16 returns its argument.
//
//gowasm:export
func Int16(Number int16) int16 { return Number }

// Uint16 returns its argument.
//
//gowasm:export
func Uint16(Number uint16) uint16 { return Number }

// Int32 returns its argument.
//
//gowasm:export
func Int32(Number int32) int32 { return Number }

// Uint32 returns its argument.
//
//gowasm:export
func Uint32(Number uint32) uint32 { return Number }

// Int returns its argument.
//
//gowasm:export
func Int(Number int) int { return Number }

// Uint returns its argument.
//
//gowasm:export
func Uint(Number uint) uint { return Number }

// Int64 returns its argument.
//
//gowasm:export
func Int64(BigInt int64) int64 { return BigInt }

// Uint64 returns its argument.
//
//gowasm:export
func Uint64(BigInt uint64) uint64 { return BigInt }

// Float32 returns its argument.
//
//gowasm:export
func Float32(Math float32) float32 { return Math }

// Float64 returns its argument.
//
//gowasm:export
func Float64(Number float64) float64 { return Number }

// String returns its argument.
//
//gowasm:export
func String(String string) string { return String }

// Bytes returns its argument.
//
//gowasm:export
func Bytes(Uint8Array []byte) []byte { return Uint8Array }

// Int8s returns its argument.
//
//gowasm:export
func Int8s(Int8Array []int8) []int8 { return Int8Array }

// Int16s returns its argument.
//
//gowasm:export
func Int16s(Int16Array []int16) []int16 { return Int16Array }

// Uint16s returns its argument.
//
//gowasm:export
func Uint16s(Uint16Array []uint16) []uint16 { return Uint16Array }

// Int32s returns its argument.
//
//gowasm:export
func Int32s(Int32Array []int32) []int32 { return Int32Array }

// Uint32s returns its argument.
//
//gowasm:export
func Uint32s(Uint32Array []uint32) []uint32 { return Uint32Array }

// Int64s returns its argument.
//
//gowasm:export
func Int64s(BigInt64Array []int64) []int64 { return BigInt64Array }

// Uint64s returns its argument.
//
//gowasm:export
func Uint64s(BigUint64Array []uint64) []uint64 { return BigUint64Array }

// Float32s returns its argument.
//
//gowasm:export
func Float32s(Float32Array []float32) []float32 { return Float32Array }

// Float64s returns its argument.
//
//gowasm:export
func Float64s(Float64Array []float64) []float64 { return Float64Array }

// Strings returns its argument.
//
//gowasm:export
func Strings(Array []string) []string { return Array }

// Bools returns its argument.
//
//gowasm:export
func Bools(Array []bool) []bool { return Array }

// Grid returns its argument.
//
//gowasm:export
func Grid(Array [][]int32) [][]int32 { return Array }

// Dict returns its argument.
//
//gowasm:export
func Dict(JSON map[string]float64) map[string]float64 { return JSON }

// Index returns its argument.
//
//gowasm:export
func Index(Object map[string][]string) map[string][]string { return Object }

// EchoItem returns its argument.
//
//gowasm:export
func EchoItem(Object Item) Item { return Object }

// Items returns its argument.
//
//gowasm:export
func Items(Array []Item) []Item { return Array }

// EchoTree returns its argument.
//
//gowasm:export
func EchoTree(Object Tree) Tree { return Object }

// Scalars digests every scalar kind at once.
//
//gowasm:export
func Scalars(Boolean bool, i8 int8, u8 uint8, i16 int16, u16 uint16, i32 int32, u32 uint32, i int, u uint,
	i64 int64, u64 uint64, f32 float32, f64 float64, s string) string {
	return Digest(Boolean, i8, u8, i16, u16, i32, u32, i, u, i64, u64, f32, f64, s)
}

// Arrays digests every TypedArray kind at once.
//
//gowasm:export
func Arrays(a []byte, b []int8, c []int16, d []uint16, e []int32, f []uint32, g []int64, h []uint64,
	i []float32, j []float64) string {
	return Digest(a, b, c, d, e, f, g, h, i, j)
}

// Mixed digests parameters of every path at once: a string, a struct, a
// TypedArray, an int and a map of structs.
//
//gowasm:export
func Mixed(JSON string, Object Item, Uint8Array []byte, Number int, Map map[string]Item) string {
	return Digest(JSON, Object, Uint8Array, Number, Map)
}

// AsyncItem returns its argument on the async path, after handing it to
// echo.
//
//gowasm:export
func AsyncItem(ctx context.Context, Promise Item, echo func(v Item)) (Item, error) {
	echo(Promise)
	return Promise, nil
}

// AsyncMixed digests its parameters on the async path, after reporting
// them to report.
//
//gowasm:export
func AsyncMixed(ctx context.Context, BigInt int64, Blob string, Math float32, Uint8Array []byte, Array []Point,
	report func(n int64, s string, p []Point)) string {
	report(BigInt, Blob, Array)
	return Digest(BigInt, Blob, Math, Uint8Array, Array)
}

// Stream reads all of src, a Blob on the JavaScript side, and returns its
// size, the size it announced and its SHA-256.
//
//gowasm:export
func Stream(ctx context.Context, Blob wasmbridge.Reader) (string, error) {
	h := sha256.New()
	n, err := io.Copy(h, Blob)
	if err != nil {
		return "", err
	}
	return Digest(n, Blob.Size(), hex.EncodeToString(h.Sum(nil))), nil
}

// Text returns b as a string, which JavaScript refuses unless it is UTF-8.
//
//gowasm:export
func Text(b []byte) string { return string(b) }

// Narrow returns v as an int, which fails beyond JavaScript's safe integers.
//
//gowasm:export
func Narrow(v int64) int { return int(v) }

// Fail returns an error with message msg.
//
//gowasm:export
func Fail(msg string) error { return errors.New(msg) }

// Panic panics with message msg.
//
//gowasm:export
func Panic(msg string) int32 { panic(msg) }

// MemoryBytes is the memory the Go runtime has obtained, about the size of
// the instance's linear memory.
//
//gowasm:export
func MemoryBytes() int64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.Sys)
}

// Item has a field of every kind, and keys that look like the tagged
// form's tags or set a prototype.
type Item struct {
	Name    string            `json:"name"`
	Flag    bool              `json:"flag"`
	Small   int8              `json:"small"`
	Count   uint16            `json:"count"`
	ID      int64             `json:"id"`
	Size    uint64            `json:"size"`
	Ratio   float32           `json:"ratio"`
	Value   float64           `json:"value"`
	N       int               `json:"n"`
	U       uint              `json:"u"`
	Data    []byte            `json:"data"`
	Samples []float64         `json:"samples"`
	Tags    map[string]string `json:"tags"`
	Points  []Point           `json:"points"`
	Inner   Point             `json:"inner"`
	Dollar  string            `json:"$num"`
	Proto   int32             `json:"__proto__"`
	Plain   uint32
	Skipped string `json:"-"`
}

// Point is a point in the plane.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Tree is recursive.
type Tree struct {
	Value    int32  `json:"value"`
	Children []Tree `json:"children"`
}

// Digest is a deterministic description of values: Go syntax when short,
// its SHA-256 when long. fmt prints maps sorted, floats exactly (NaN as
// NaN), and strings with their invalid bytes escaped.
func Digest(values ...any) string {
	s := fmt.Sprintf("%#v", values)
	if len(s) <= 1024 {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// The Go people write: optional and nullable fields, enums, embedded
// structs, several results, durations and times.

// Shade is a string enum; one of its values is unexported.
type Shade string

const (
	ShadeLight  Shade = "light"
	ShadeDark   Shade = "dark"
	shadeHidden Shade = "\U0001F311 new moon"
)

// Rank is an integer enum with a negative value.
type Rank int16

const (
	RankLow  Rank = -300
	RankMid  Rank = 0
	RankHigh Rank = 12000
)

// Stamp is a uint64 enum: bigints.
type Stamp uint64

const (
	StampZero Stamp = 0
	StampMax  Stamp = 1<<64 - 1
)

// Core is embedded in Card: its fields are promoted.
type Core struct {
	Tag   string `json:"tag"`
	Depth int32  `json:"depth,omitempty"`
}

// Card has a field of each of those kinds.
type Card struct {
	Core
	Title string           `json:"title,omitempty"`
	Shade Shade            `json:"shade"`
	Rank  Rank             `json:"rank,omitempty"`
	Stamp Stamp            `json:"stamp,omitempty"`
	Next  *Card            `json:"next,omitempty"`
	Owner *string          `json:"owner"`
	Wait  time.Duration    `json:"wait,omitempty"`
	When  time.Time        `json:"when"`
	Marks map[string]*Rank `json:"marks,omitempty"`
	Skip  int32            `json:"-"`
}

// EchoCard returns its argument.
//
//gowasm:export
func EchoCard(Object Card) Card { return Object }

// Cards returns its argument and how many are nil: two results.
//
//gowasm:export
func Cards(Array []*Card) ([]*Card, int32) {
	nils := int32(0)
	for _, c := range Array {
		if c == nil {
			nils++
		}
	}
	return Array, nils
}

// Shades returns its arguments.
//
//gowasm:export
func Shades(Set map[string]Shade, Symbol Shade, Number Rank, BigInt Stamp) (map[string]Shade, Shade, Rank, Stamp) {
	return Set, Symbol, Number, BigInt
}

// Wait returns its argument.
//
//gowasm:export
func Wait(Math time.Duration) time.Duration { return Math }

// When returns its argument and how far it is from 1970, in a duration
// when one holds it.
//
//gowasm:export
func When(Date time.Time) (time.Time, int64) { return Date, Date.UnixMilli() }

// Optional returns its argument.
//
//gowasm:export
func Optional(Number *int32, String *string) (*int32, *string) { return Number, String }

// AsyncCard returns its argument on the async path.
//
//gowasm:export
func AsyncCard(ctx context.Context, Object *Card, Promise func(card *Card, shade Shade, at time.Time)) (*Card, error) {
	if Object != nil {
		Promise(Object, Object.Shade, Object.When)
	}
	return Object, nil
}
