package bind

import (
	"go/types"
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
			add(shimSizes[p.Type.facts().wasm])
		} else {
			add(8) // unsafe.Pointer
			add(4) // int32 length
		}
	}
	offset = (offset + 7) / 8 * 8 // results start pointer-aligned
	if f.Result != nil && f.Result.IsScalar() {
		offset += shimSizes[f.Result.facts().wasm]
	}
	return params <= 16 && offset <= 128
}

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
	if size := t.facts().wireSize; size > 0 {
		return size
	}
	size := 0
	for _, f := range t.Struct.Fields {
		size += f.Type.MinWireSize() // recursion stops at slices and maps
	}
	return size
}

// IsScalar reports whether t crosses as one wasm value on the sync path.
func (t *Type) IsScalar() bool { return t.Kind <= Float64 }
