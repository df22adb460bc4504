package bind

import (
	"testing"
)

// TestDescribeWireSizes: the fewest bytes a value takes on the wire is
// computed twice, by Type.MinWireSize for the generated decoders and by
// exports.Module.MinWireSize for a host's, from the description. Over
// every type of every reference case, the two agree.
func TestDescribeWireSizes(t *testing.T) {
	checked := 0
	for _, dir := range referenceCases(t) {
		pkg, err := Load(".", "./"+dir, caseTarget(t, dir))
		if err != nil {
			t.Fatal(err)
		}
		desc := Describe(pkg)
		var visit func(typ *Type, depth int)
		visit = func(typ *Type, depth int) {
			if typ == nil || depth > 3 {
				return
			}
			if typ.Kind == Tuple { // described as the results it holds
				for _, e := range typ.Elems {
					visit(e, depth)
				}
				return
			}
			d := describeType(typ)
			if got, want := desc.MinWireSize(&d), typ.MinWireSize(); got != want {
				t.Errorf("%s: %s takes at least %d bytes by the description, %d by bind", dir, typ.Go, got, want)
			}
			if typ.Kind == Slice || typ.Kind == Map {
				if got, want := desc.ElemMin(&d), typ.ElemMin(); got != want {
					t.Errorf("%s: an element of %s takes at least %d bytes by the description, %d by bind", dir, typ.Go, got, want)
				}
			}
			checked++
			visit(typ.Elem, depth+1)
			if typ.Struct != nil {
				for _, f := range typ.Struct.Fields {
					visit(f.Type, depth+1)
				}
			}
		}
		for _, f := range pkg.Funcs {
			for _, p := range f.Params {
				visit(p.Type, 0)
				for _, cp := range p.Callback {
					visit(cp.Type, 0)
				}
			}
			visit(f.Result, 0)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d types checked", checked)
	}
	t.Logf("%d types agree", checked)
}
