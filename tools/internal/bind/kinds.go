package bind

import (
	"fmt"
	"go/types"

	"github.com/gowasm/gowasm/internal/exports"
)

// Kind classifies a Go type by how it crosses to JavaScript.
type Kind int

const (
	Bool Kind = iota
	Int8
	Uint8
	Int16
	Uint16
	Int32
	Uint32
	Int
	Uint
	Int64
	Uint64
	Float32
	Float64 // the last scalar: kinds up to here cross as one wasm value
	String
	Numbers  // []T of a numeric T: a TypedArray
	Slice    // any other []T: an array
	Map      // map[string]T: a plain object
	Struct   // a named struct type: a plain object with an interface
	Pointer  // *T: T or null
	Enum     // a defined string or integer type with constants: a union of literals
	Tuple    // several results: an array
	Duration // time.Duration: a number of milliseconds
	Time     // time.Time: a Date
)

// kindFacts is everything the generators know about one kind.
type kindFacts struct {
	basic      types.BasicKind // the go/types kind it binds, if a basic type
	goName     string          // its Go type, for basic kinds
	wasm       string          // the shim's parameter and result type, for scalars
	codec      string          // its wasmbridge Encoder and Decoder method
	js         string          // its codec.js Writer and Reader method
	typedArray string          // the TypedArray of a []T, for numeric kinds
	ts         string          // its TypeScript type, for kinds without elements
	label      string          // its key in runtime.js's KINDS, naming what was expected
	empty      string          // a Go condition on %[1]s: encoding/json's omitempty omits it; "": never omitted
	// goEncode and goDecode, when set, replace the codec method calls
	// e.codec(v) and d.codec(): a statement encoding %[2]s with the
	// encoder %[1]s, and an expression decoding one from the decoder
	// %[1]s. goImport is a package they name.
	goEncode, goDecode, goImport string
	wireSize                     int // the fewest bytes it takes on the wire; 0: see MinWireSize
	// described is its kind in the exports section a wasip1 module carries.
	described exports.Kind
	// bad is a JavaScript condition on %[1]s that holds when it is not a
	// valid value of the kind. It reads the value once and runs no user
	// code. Set for the kinds checked by one condition.
	bad string
}

// kinds holds one row per kind: adding a type means a row here, its
// methods in wasmbridge/codec.go and web/bridge/codec.js, and its kind in
// internal/exports with its codec in host/codec.go.
var kinds = [...]kindFacts{
	Bool: {described: exports.Bool, basic: types.Bool, goName: "bool", wasm: "bool", codec: "Bool", js: "bool", ts: "boolean", label: "bool", wireSize: 1, empty: `!%[1]s`,
		bad: "typeof %[1]s !== 'boolean'"},
	Int8: {described: exports.Int8, basic: types.Int8, goName: "int8", wasm: "int32", codec: "Int8", js: "i8", typedArray: "Int8Array", ts: "number", label: "int8", wireSize: 1, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'number' || (%[1]s << 24 >> 24) !== %[1]s"},
	Uint8: {described: exports.Uint8, basic: types.Uint8, goName: "uint8", wasm: "uint32", codec: "Uint8", js: "u8", typedArray: "Uint8Array", ts: "number", label: "uint8", wireSize: 1, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'number' || (%[1]s & 255) !== %[1]s"},
	Int16: {described: exports.Int16, basic: types.Int16, goName: "int16", wasm: "int32", codec: "Int16", js: "i16", typedArray: "Int16Array", ts: "number", label: "int16", wireSize: 2, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'number' || (%[1]s << 16 >> 16) !== %[1]s"},
	Uint16: {described: exports.Uint16, basic: types.Uint16, goName: "uint16", wasm: "uint32", codec: "Uint16", js: "u16", typedArray: "Uint16Array", ts: "number", label: "uint16", wireSize: 2, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'number' || (%[1]s & 65535) !== %[1]s"},
	Int32: {described: exports.Int32, basic: types.Int32, goName: "int32", wasm: "int32", codec: "Int32", js: "i32", typedArray: "Int32Array", ts: "number", label: "int32", wireSize: 4, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'number' || (%[1]s | 0) !== %[1]s"},
	Uint32: {described: exports.Uint32, basic: types.Uint32, goName: "uint32", wasm: "uint32", codec: "Uint32", js: "u32", typedArray: "Uint32Array", ts: "number", label: "uint32", wireSize: 4, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'number' || (%[1]s >>> 0) !== %[1]s"},
	// A JavaScript number holds an int or a uint exactly only within ±2^53.
	Int: {described: exports.Int, basic: types.Int, goName: "int", wasm: "float64", codec: "Int", js: "f64", ts: "number", label: "int", wireSize: 8, empty: `%[1]s == 0`,
		bad: "!Number.isSafeInteger(%[1]s)"},
	Uint: {described: exports.Uint, basic: types.Uint, goName: "uint", wasm: "float64", codec: "Uint", js: "f64", ts: "number", label: "uint", wireSize: 8, empty: `%[1]s == 0`,
		bad: "!Number.isSafeInteger(%[1]s) || %[1]s < 0"},
	Int64: {described: exports.Int64, basic: types.Int64, goName: "int64", wasm: "int64", codec: "Int64", js: "i64", typedArray: "BigInt64Array", ts: "bigint", label: "int64", wireSize: 8, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'bigint' || BigInt.asIntN(64, %[1]s) !== %[1]s"},
	Uint64: {described: exports.Uint64, basic: types.Uint64, goName: "uint64", wasm: "uint64", codec: "Uint64", js: "u64", typedArray: "BigUint64Array", ts: "bigint", label: "uint64", wireSize: 8, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'bigint' || BigInt.asUintN(64, %[1]s) !== %[1]s"},
	Float32: {described: exports.Float32, basic: types.Float32, goName: "float32", wasm: "float32", codec: "Float32", js: "f32", typedArray: "Float32Array", ts: "number", label: "float32", wireSize: 4, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'number' || (Math.abs(%[1]s) > 3.4028234663852886e38 && Math.abs(%[1]s) !== Infinity)"},
	Float64: {described: exports.Float64, basic: types.Float64, goName: "float64", wasm: "float64", codec: "Float64", js: "f64", typedArray: "Float64Array", ts: "number", label: "float64", wireSize: 8, empty: `%[1]s == 0`,
		bad: "typeof %[1]s !== 'number'"},
	// 715827882 UTF-16 units take at most MAX_BYTES of UTF-8 (codec.js).
	String: {described: exports.String, basic: types.String, goName: "string", codec: "String", js: "str", ts: "string", label: "string", wireSize: 4, empty: `%[1]s == ""`,
		bad: "typeof %[1]s !== 'string' || !%[1]s.isWellFormed() || %[1]s.length > 715827882"},
	Numbers: {described: exports.Numbers, js: "nums", wireSize: 4, empty: `len(%[1]s) == 0`},
	Slice:   {described: exports.Slice, label: "array", wireSize: 4, empty: `len(%[1]s) == 0`},
	Map:     {described: exports.Map, label: "record", wireSize: 4, empty: `len(%[1]s) == 0`},
	Struct:  {described: exports.Struct, label: "object"},
	Pointer: {described: exports.Pointer, label: "pointer", wireSize: 1, empty: `%[1]s == nil`},
	Enum:    {described: exports.Enum},
	Tuple:   {},
	Duration: {described: exports.Duration, codec: "Duration", js: "f64", ts: "number", label: "duration", wireSize: 8, empty: `%[1]s == 0`,
		goEncode: "%[1]s.Duration(int64(%[2]s))", goDecode: "time.Duration(%[1]s.Duration())", goImport: "time",
		bad: "typeof %[1]s !== 'number' || !$rt.isDuration(%[1]s)"},
	Time: {described: exports.Time, codec: "Time", ts: "Date", label: "Date", wireSize: 8,
		goEncode: "%[1]s.Time(%[2]s.Unix(), %[2]s.Nanosecond())", goDecode: "time.UnixMilli(%[1]s.Time()).UTC()", goImport: "time"},
}

// facts returns the row of t's kind.
func (t *Type) facts() *kindFacts { return &kinds[t.Kind] }

// basicKinds maps the go/types kinds that bind to their Kind.
var basicKinds = func() map[types.BasicKind]Kind {
	m := map[types.BasicKind]Kind{}
	for k, f := range kinds {
		if f.goName != "" {
			m[f.basic] = Kind(k)
		}
	}
	return m
}()

// empty is t's kind's empty condition (see kindFacts.empty).
func (t *Type) empty() string {
	if t.Kind == Enum {
		return t.Elem.empty()
	}
	return t.facts().empty
}

// badJS is a JavaScript condition that holds when v is not a valid t,
// a kind checked by one condition.
func badJS(t *Type, v string) string {
	if t.facts().bad == "" {
		panic("badJS: kind has no condition")
	}
	return fmt.Sprintf(t.facts().bad, v)
}

// kindLabel names t for $rt.bad, which turns it into a description.
func kindLabel(t *Type) string {
	if t.Kind == Numbers {
		return t.Elem.facts().typedArray
	}
	return t.facts().label
}

// shimSizes are the stack sizes of a shim's parameter types (see kindFacts.wasm).
var shimSizes = map[string]int{"bool": 1, "int32": 4, "uint32": 4, "float32": 4, "float64": 8, "int64": 8, "uint64": 8}
