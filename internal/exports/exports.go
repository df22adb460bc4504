// Package exports is the description of a module's exports that
// `gowasm module -target wasip1` writes into the module, in the custom
// section "gowasm.exports": each export's name, parameters and results,
// in the kinds of the wire format (see wasmbridge's codec), and its Go
// and TypeScript signatures. A host (package host) checks every call
// against it, and `gowasm inspect` prints it. It is JSON: read on a
// server or by a tool, never inside a client binary.
package exports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gowasm/gowasm/internal/wasmfile"
	"github.com/gowasm/gowasm/wasmbridge"
)

// SectionName is the custom section that holds a Module as JSON.
const SectionName = "gowasm.exports"

// Module describes a module's exports.
type Module struct {
	ABI     int          `json:"abi"`     // wasmbridge.ABIVersion of the module
	Package string       `json:"package"` // the Go package name
	Path    string       `json:"path"`    // its import path
	Target  string       `json:"target"`  // the GOOS it was built for
	Funcs   []Func       `json:"funcs"`
	Structs []StructType `json:"structs,omitempty"`
	Enums   []EnumType   `json:"enums,omitempty"`
}

// Func is one export: the function that wasmbridge's gowasm__call runs
// as number Index.
type Func struct {
	Name    string  `json:"name"`   // the JavaScript name
	GoName  string  `json:"goName"` // the Go function's name
	Index   int     `json:"index"`  // its invoker's number
	Params  []Param `json:"params"`
	Results []Type  `json:"results"` // without a last error result
	Error   bool    `json:"error"`   // the last result is an error
	Go      string  `json:"go"`      // the Go signature: func Blur(pix []byte, radius float64) ([]byte, error)
	TS      string  `json:"ts"`      // the TypeScript signature: blur(pix: Uint8Array, radius: number): Uint8Array
}

// Param is a parameter.
type Param struct {
	Name string `json:"name"`
	Type Type   `json:"type"`
}

// Type is a type in the wire format's terms. Kind is one of the Kind
// constants; Elem is the element of a slice, TypedArray, map (whose keys
// are strings) or pointer; Name is the Go type name of a struct or an
// enum, a key of Module.Structs or Module.Enums.
type Type struct {
	Kind Kind   `json:"kind"`
	Elem *Type  `json:"elem,omitempty"`
	Name string `json:"name,omitempty"`
}

// Kind names a kind of the wire format.
type Kind string

// The kinds: the scalars and strings by their Go names, then the
// composites.
const (
	Bool     Kind = "bool"
	Int8     Kind = "int8"
	Uint8    Kind = "uint8"
	Int16    Kind = "int16"
	Uint16   Kind = "uint16"
	Int32    Kind = "int32"
	Uint32   Kind = "uint32"
	Int      Kind = "int"
	Uint     Kind = "uint"
	Int64    Kind = "int64"
	Uint64   Kind = "uint64"
	Float32  Kind = "float32"
	Float64  Kind = "float64"
	String   Kind = "string"
	Numbers  Kind = "numbers" // []T of a numeric T, raw elements
	Slice    Kind = "slice"
	Map      Kind = "map"
	Struct   Kind = "struct"
	Pointer  Kind = "pointer"
	Enum     Kind = "enum"
	Duration Kind = "duration"
	Time     Kind = "time"
)

// StructType is a struct type: its fields in wire order.
type StructType struct {
	Name   string  `json:"name"`   // unique in the module: the Go type name, numbered when two packages share it
	GoName string  `json:"goName"` // the Go type name
	Fields []Field `json:"fields"`
}

// Field is a struct field as it crosses.
type Field struct {
	Name     string `json:"name"`     // its JSON name
	GoPath   string `json:"goPath"`   // the selector from the struct: "X", or "Point.X" when promoted
	Optional bool   `json:"optional"` // omitempty: a presence bool first
	Type     Type   `json:"type"`
}

// EnumType is a defined string or integer type with constants.
type EnumType struct {
	Name   string   `json:"name"`   // unique in the module, as for a struct
	GoName string   `json:"goName"` // the Go type name
	Under  Kind     `json:"under"`  // its underlying kind
	Values []string `json:"values"` // its constants' values, as Go literals
}

// Struct returns the struct type called name.
func (m *Module) Struct(name string) *StructType {
	for i := range m.Structs {
		if m.Structs[i].Name == name {
			return &m.Structs[i]
		}
	}
	return nil
}

// Enum returns the enum type called name.
func (m *Module) Enum(name string) *EnumType {
	for i := range m.Enums {
		if m.Enums[i].Name == name {
			return &m.Enums[i]
		}
	}
	return nil
}

// GoType writes t as Go would, with struct and enum types by name.
func (m *Module) GoType(t *Type) string {
	switch t.Kind {
	case Numbers, Slice:
		return "[]" + m.GoType(t.Elem)
	case Map:
		return "map[string]" + m.GoType(t.Elem)
	case Pointer:
		return "*" + m.GoType(t.Elem)
	case Struct:
		if s := m.Struct(t.Name); s != nil {
			return s.GoName
		}
	case Enum:
		if e := m.Enum(t.Name); e != nil {
			return e.GoName
		}
	case Duration:
		return "time.Duration"
	case Time:
		return "time.Time"
	}
	return string(t.Kind)
}

// scalarWireSizes are the bytes a scalar takes on the wire.
var scalarWireSizes = map[Kind]int{
	Bool: 1, Int8: 1, Uint8: 1, Int16: 2, Uint16: 2, Int32: 4, Uint32: 4, Float32: 4,
	Int: 8, Uint: 8, Int64: 8, Uint64: 8, Float64: 8, Duration: 8, Time: 8,
}

// MinWireSize is the fewest bytes a value of t takes on the wire, which
// bounds the count of elements a decoder accepts for the input left. It
// is what tools/internal/bind's Type.MinWireSize computes from Go types;
// a test of bind checks that the two agree.
func (m *Module) MinWireSize(t *Type) int {
	if size, ok := scalarWireSizes[t.Kind]; ok {
		return size
	}
	switch t.Kind {
	case String, Numbers, Slice, Map: // a length or count
		return 4
	case Pointer: // its presence
		return 1
	case Enum:
		return m.MinWireSize(&Type{Kind: m.Enum(t.Name).Under})
	case Struct:
		size := 0
		for _, f := range m.Struct(t.Name).Fields {
			if f.Optional {
				size++
			} else {
				size += m.MinWireSize(&f.Type) // recursion stops at slices, maps and pointers
			}
		}
		return size
	}
	return 0
}

// ElemMin is the fewest bytes an element of slice type t, or an entry of
// map type t (its string key and value), takes on the wire.
func (m *Module) ElemMin(t *Type) int {
	if t.Kind == Map {
		return 4 + m.MinWireSize(t.Elem)
	}
	return m.MinWireSize(t.Elem)
}

// enumKinds are the kinds an enum's underlying type may have.
var enumKinds = map[Kind]bool{String: true, Int8: true, Uint8: true, Int16: true, Uint16: true,
	Int32: true, Uint32: true, Int: true, Uint: true, Int64: true, Uint64: true}

// numberKinds are the element kinds of a TypedArray.
var numberKinds = map[Kind]bool{Int8: true, Uint8: true, Int16: true, Uint16: true, Int32: true,
	Uint32: true, Int64: true, Uint64: true, Float32: true, Float64: true}

// validate checks that m is a description a host can act on: every kind
// known, every composite with its element, every struct and enum it
// names declared, every export's number distinct. A module is not
// trusted: a description that breaks these would crash its host.
func (m *Module) validate() error {
	structs, enums := map[string]bool{}, map[string]bool{}
	for _, s := range m.Structs {
		structs[s.Name] = true
	}
	for _, e := range m.Enums {
		if !enumKinds[e.Under] {
			return fmt.Errorf("enum %s: underlying kind %q is not a string or an integer", e.Name, e.Under)
		}
		enums[e.Name] = true
	}
	var check func(t *Type, depth int) error
	check = func(t *Type, depth int) error {
		if depth > 100 {
			return errors.New("a type nested over 100 deep")
		}
		switch t.Kind {
		case Numbers:
			if t.Elem == nil || !numberKinds[t.Elem.Kind] {
				return errors.New("a numbers kind without a numeric element")
			}
			return nil
		case Slice, Map, Pointer:
			if t.Elem == nil {
				return fmt.Errorf("a %s kind without its element", t.Kind)
			}
			return check(t.Elem, depth+1)
		case Struct:
			if !structs[t.Name] {
				return fmt.Errorf("struct %q is not declared", t.Name)
			}
		case Enum:
			if !enums[t.Name] {
				return fmt.Errorf("enum %q is not declared", t.Name)
			}
		case String:
		default:
			if _, ok := scalarWireSizes[t.Kind]; !ok {
				return fmt.Errorf("unknown kind %q", t.Kind)
			}
		}
		return nil
	}
	for _, s := range m.Structs {
		for i := range s.Fields {
			if err := check(&s.Fields[i].Type, 0); err != nil {
				return fmt.Errorf("struct %s, field %s: %w", s.Name, s.Fields[i].Name, err)
			}
		}
	}
	indexes := map[int]bool{}
	for _, f := range m.Funcs {
		if f.Index < 0 || indexes[f.Index] {
			return fmt.Errorf("export %s: number %d is negative or taken", f.Name, f.Index)
		}
		indexes[f.Index] = true
		for i := range f.Params {
			if err := check(&f.Params[i].Type, 0); err != nil {
				return fmt.Errorf("export %s, parameter %s: %w", f.Name, f.Params[i].Name, err)
			}
		}
		for i := range f.Results {
			if err := check(&f.Results[i], 0); err != nil {
				return fmt.Errorf("export %s, result %d: %w", f.Name, i, err)
			}
		}
	}
	return nil
}

// ErrNoSection is returned by Read for a module without the section.
var ErrNoSection = errors.New("the module has no " + SectionName + " section; build it with gowasm module -target wasip1")

// Read returns the description a module carries.
func Read(module []byte) (*Module, error) {
	data, ok, err := wasmfile.FindCustom(module, SectionName)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNoSection
	}
	var m Module
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("section %s: %w", SectionName, err)
	}
	if m.ABI != wasmbridge.ABIVersion {
		return nil, fmt.Errorf("the module speaks wasmbridge ABI %d, this gowasm speaks %d; rebuild it with a matching gowasm", m.ABI, wasmbridge.ABIVersion)
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("section %s: %w", SectionName, err)
	}
	return &m, nil
}

// Append returns module with its description, data (a Module as JSON),
// written compactly into its section.
func Append(module, data []byte) ([]byte, error) {
	var m Module
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("the description of the exports: %w", err)
	}
	if _, ok, err := wasmfile.FindCustom(module, SectionName); err != nil {
		return nil, err
	} else if ok {
		return nil, errors.New("the module already has a " + SectionName + " section")
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, data); err != nil {
		return nil, err
	}
	return wasmfile.AppendCustom(module, SectionName, compact.Bytes()), nil
}
