package bind

import (
	"go/types"
	"strings"

	"github.com/gowasm/gowasm/internal/exports"
	"github.com/gowasm/gowasm/wasmbridge"
)

// Describe renders the description of pkg's sync exports that a wasip1
// module, which has no others, carries in its exports section (see
// package exports).
func Describe(pkg *Package) *exports.Module {
	m := &exports.Module{ABI: wasmbridge.ABIVersion, Package: pkg.Name, Path: pkg.Path, Target: string(pkg.Target)}
	for _, f := range pkg.Funcs {
		if f.Async {
			continue
		}
		d := exports.Func{Name: f.JSName, GoName: f.GoName, Index: f.SyncIndex, Error: f.ReturnsError,
			Params: []exports.Param{}, Results: []exports.Type{}, Go: goSignature(pkg, f), TS: tsSignature(f)}
		for _, p := range f.Params {
			d.Params = append(d.Params, exports.Param{Name: p.Name, Type: describeType(p.Type)})
		}
		switch r := f.Result; {
		case r == nil:
		case r.Kind == Tuple:
			for _, e := range r.Elems {
				d.Results = append(d.Results, describeType(e))
			}
		default:
			d.Results = append(d.Results, describeType(r))
		}
		m.Funcs = append(m.Funcs, d)
	}
	for _, s := range pkg.Structs {
		st := exports.StructType{Name: s.Ident, GoName: s.Name, Fields: []exports.Field{}}
		for _, f := range s.Fields {
			st.Fields = append(st.Fields, exports.Field{Name: f.JSName, GoPath: f.GoPath, Optional: f.Optional, Type: describeType(f.Type)})
		}
		m.Structs = append(m.Structs, st)
	}
	for _, e := range pkg.Enums {
		et := exports.EnumType{Name: e.Ident, GoName: e.Name, Under: kinds[e.Under].described, Values: []string{}}
		for _, v := range e.Distinct() {
			et.Values = append(et.Values, v.ExactString())
		}
		m.Enums = append(m.Enums, et)
	}
	return m
}

func describeType(t *Type) exports.Type {
	d := exports.Type{Kind: t.facts().described}
	switch t.Kind {
	case Struct:
		d.Name = t.Struct.Ident
	case Enum:
		d.Name = t.Enum.Ident
	}
	if t.Elem != nil && t.Kind != Enum {
		elem := describeType(t.Elem)
		d.Elem = &elem
	}
	return d
}

// goSignature is f's declaration as Go prints it, with the bound
// package's own types unqualified.
func goSignature(pkg *Package, f *Func) string {
	qualifier := func(p *types.Package) string {
		if p.Path() == pkg.Path {
			return ""
		}
		return p.Name()
	}
	var params []string
	for _, p := range f.Params {
		params = append(params, p.Name+" "+types.TypeString(p.Type.Go, qualifier))
	}
	var results []string
	switch r := f.Result; {
	case r == nil:
	case r.Kind == Tuple:
		for _, e := range r.Elems {
			results = append(results, types.TypeString(e.Go, qualifier))
		}
	default:
		results = append(results, types.TypeString(r.Go, qualifier))
	}
	if f.ReturnsError {
		results = append(results, "error")
	}
	sig := "func " + f.GoName + "(" + strings.Join(params, ", ") + ")"
	switch len(results) {
	case 0:
		return sig
	case 1:
		return sig + " " + results[0]
	default:
		return sig + " (" + strings.Join(results, ", ") + ")"
	}
}
