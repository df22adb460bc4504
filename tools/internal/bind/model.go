package bind

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
)

// Type is a supported Go type and its JavaScript mapping.
type Type struct {
	Kind   Kind
	Go     types.Type
	Elem   *Type       // Numbers, Slice, Map, Pointer; Enum: its underlying basic type
	Struct *StructType // Struct
	Enum   *EnumType   // Enum
	Elems  []*Type     // Tuple
}

// StructType is a named struct type crossing as a plain object.
type StructType struct {
	Name   string // the Go type name, also the TypeScript interface name
	Ident  string // unique suffix for generated codec functions
	Doc    string
	Fields []Field
	pos    token.Pos
}

// Field is a property of a struct's object: an exported field of the
// struct, or one promoted from an embedded struct, as encoding/json
// would marshal it.
type Field struct {
	GoPath   string // the selector from the struct value: "X", or "Point.X" when promoted
	JSName   string // the json tag's name, or the Go name
	Type     *Type
	Optional bool // omitempty: absent from results when empty, optional in arguments
	Doc      string
}

// EnumType is a defined string or integer type with constants: it
// crosses as one of its constants' values.
type EnumType struct {
	Name   string // the Go type name, also the TypeScript type and the JavaScript object
	Ident  string // unique suffix for generated codec functions
	Doc    string
	Values []EnumValue // its package's constants of the type, in declaration order
	Under  Kind        // the kind of its underlying type
	pos    token.Pos
}

// Distinct are the values of e's constants in declaration order, each
// once: several constants may share a value (Default = Info).
func (e *EnumType) Distinct() []constant.Value {
	var values []constant.Value
	for _, v := range e.Values {
		if !slices.ContainsFunc(values, func(w constant.Value) bool { return constant.Compare(v.Value, token.EQL, w) }) {
			values = append(values, v.Value)
		}
	}
	return values
}

// EnumValue is a constant of an enum type.
type EnumValue struct {
	GoName string
	JSName string // its key in the enum's JavaScript object; "" when unexported
	Value  constant.Value
	Doc    string
}

// Target is the platform a module is built for.
type Target string

const (
	// TargetJS is GOOS=js: the module runs under Go's wasm_exec.js, in
	// browsers and Node, with every kind of export.
	TargetJS Target = "js"
	// TargetWASIP1 is GOOS=wasip1 built with -buildmode=c-shared: a
	// reactor that Node's node:wasi (or another WASI host) runs, without
	// wasm_exec.js. It has sync exports only.
	TargetWASIP1 Target = "wasip1"
)

// String and Set make a *Target a command-line flag (flag.Value) that
// takes only the targets above.
func (t *Target) String() string { return string(*t) }

func (t *Target) Set(s string) error {
	switch Target(s) {
	case TargetJS, TargetWASIP1:
		*t = Target(s)
		return nil
	}
	return fmt.Errorf("want %s or %s", TargetJS, TargetWASIP1)
}

// Package is everything `gowasm bind` generates code for.
type Package struct {
	Target  Target // the platform the module is built for
	Name    string // Go package name, also the JavaScript module name
	Dir     string // the directory of its files
	Path    string // import path
	Funcs   []*Func
	Structs []*StructType // in dependency order: a struct after the ones it uses
	Enums   []*EnumType
}

// Func is one //gowasm:export function.
type Func struct {
	GoName       string
	JSName       string
	Doc          string
	Async        bool // first parameter is context.Context
	Params       []*Param
	Result       *Type // a Tuple for several results; nil when the function returns nothing but an error, or nothing
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

// IsComposite reports whether t crosses in the wire format (see
// wasmbridge) on the sync path too: all but scalars, strings and
// TypedArrays, which have paths of their own.
func (t *Type) IsComposite() bool {
	return !t.IsScalar() && t.Kind != String && t.Kind != Numbers
}

// MinWireSize is the fewest bytes a value of t takes in the wire format,
// which bounds the element count a decoder accepts for the input left.
func (t *Type) MinWireSize() int {
	if size := t.facts().wireSize; size > 0 {
		return size
	}
	size := 0
	switch t.Kind {
	case Enum:
		return t.Elem.MinWireSize()
	case Tuple:
		for _, e := range t.Elems {
			size += e.MinWireSize()
		}
	case Struct:
		for _, f := range t.Struct.Fields {
			if f.Optional {
				size++ // its presence
			} else {
				size += f.Type.MinWireSize() // recursion stops at slices, maps and pointers
			}
		}
	}
	return size
}

// ElemMin is the fewest bytes an element of slice type t, or an entry
// of map type t (its string key and value), takes on the wire: what a
// decoder's Count is given.
func (t *Type) ElemMin() int {
	if t.Kind == Map {
		return 4 + t.Elem.MinWireSize()
	}
	return t.Elem.MinWireSize()
}

// IsScalar reports whether t crosses as one wasm value on the sync path.
func (t *Type) IsScalar() bool { return t.Kind <= Float64 }
