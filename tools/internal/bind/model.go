package bind

import (
	"go/types"
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
	Float64
	String
	Numbers // []T of a numeric T: a TypedArray
	Slice   // any other []T: an array
	Map     // map[string]T: a plain object
	Struct  // a named struct type: a plain object with an interface
)

// Type is a supported Go type and its JavaScript mapping.
type Type struct {
	Kind   Kind
	Go     types.Type
	Elem   *Type       // Numbers, Slice, Map
	Struct *StructType // Struct
}

// StructType is a named struct type crossing as a plain object.
type StructType struct {
	Name   string // the Go type name, also the TypeScript interface name
	Ident  string // unique suffix for generated codec functions
	Doc    string
	Fields []Field
}

// Field is an exported struct field; JSName honours its json tag.
type Field struct {
	GoName string
	JSName string
	Type   *Type
}

// Package is everything `gowasm bind` generates code for.
type Package struct {
	Name    string // Go package name, also the JavaScript module name
	Dir     string // the directory of its files
	Path    string // import path
	Funcs   []*Func
	Structs []*StructType // in dependency order: a struct after the ones it uses
}

// Func is one //gowasm:export function.
type Func struct {
	GoName       string
	JSName       string
	Doc          string
	Async        bool // first parameter is context.Context
	Params       []*Param
	Result       *Type // nil when the function returns nothing but an error, or nothing
	ReturnsError bool
	AsyncIndex   int // position among async exports, for the dispatcher
	SyncIndex    int // position among sync exports, for wasmbridge.Invoker
}

// Param is a parameter. Func parameters of async exports are callbacks:
// IsCallback is set and Callback lists their parameters. A
// wasmbridge.Reader parameter (async only) takes a Blob: IsReader is set.
// Both cross as JavaScript values beside the encoded arguments.
type Param struct {
	Name       string // the Go name, or p<i> when unnamed
	Type       *Type  // nil for a callback or a reader
	IsCallback bool
	Callback   []*Param
	IsReader   bool
}

// HasShim reports whether f is called inline through a //go:wasmexport
// shim of its own: a sync export whose shim signature Go can compile. Go
// 1.26 refuses a wasmexport whose arguments and result take more than 128
// bytes of stack, and miscompiles one with more than 16 parameters; such
// exports are called inline with encoded arguments, through their
// invoker, as in a worker.
func (f *Func) HasShim() bool {
	if f.Async {
		return false
	}
	offset, params := 0, 0
	add := func(size int) {
		offset = (offset+size-1)/size*size + size
		params++
	}
	for _, p := range f.Params {
		if p.Type.IsScalar() {
			add(shimSizes[wasmType(p.Type.Kind)])
		} else {
			add(8) // unsafe.Pointer
			add(4) // int32 length
		}
	}
	offset = (offset + 7) / 8 * 8 // results start pointer-aligned
	if f.Result != nil && f.Result.IsScalar() {
		offset += shimSizes[wasmType(f.Result.Kind)]
	}
	return params <= 16 && offset <= 128
}

// shimSizes are the sizes of a shim's parameter types (see wasmType).
var shimSizes = map[string]int{"bool": 1, "int32": 4, "uint32": 4, "float32": 4, "float64": 8, "int64": 8, "uint64": 8}

// Qualified is the name used in JavaScript error messages, e.g. "compute.blur".
func (f *Func) Qualified(pkg *Package) string { return pkg.Name + "." + f.JSName }

// ExportName is the //go:wasmexport name of a sync export's shim. JS
// names never start with "_", so these cannot meet wasmbridge's own
// exports, gowasm__alloc and gowasm__frame.
func (f *Func) ExportName() string { return "gowasm_" + f.JSName }

// IsComposite reports whether t crosses in the wire format (see wasmbridge).
func (t *Type) IsComposite() bool {
	return t.Kind == Slice || t.Kind == Map || t.Kind == Struct
}

// MinWireSize is the fewest bytes a value of t takes in the wire format,
// which bounds the element count a decoder accepts for the input left.
func (t *Type) MinWireSize() int {
	switch t.Kind {
	case Bool, Int8, Uint8:
		return 1
	case Int16, Uint16:
		return 2
	case Int32, Uint32, Float32, String, Numbers, Slice, Map:
		return 4 // a length or count comes first
	case Int, Uint, Int64, Uint64, Float64:
		return 8
	}
	size := 0
	for _, f := range t.Struct.Fields {
		size += f.Type.MinWireSize() // recursion stops at slices and maps
	}
	return size
}

// IsScalar reports whether t crosses as one wasm value on the sync path.
func (t *Type) IsScalar() bool { return t.Kind <= Float64 }

var kindNames = [...]string{
	Bool: "bool", Int8: "int8", Uint8: "uint8", Int16: "int16", Uint16: "uint16",
	Int32: "int32", Uint32: "uint32", Int: "int", Uint: "uint", Int64: "int64",
	Uint64: "uint64", Float32: "float32", Float64: "float64", String: "string",
}

// typedArrays names the TypedArray for each element kind of Numbers.
var typedArrays = map[Kind]string{
	Int8: "Int8Array", Uint8: "Uint8Array", Int16: "Int16Array", Uint16: "Uint16Array",
	Int32: "Int32Array", Uint32: "Uint32Array", Int64: "BigInt64Array", Uint64: "BigUint64Array",
	Float32: "Float32Array", Float64: "Float64Array",
}
