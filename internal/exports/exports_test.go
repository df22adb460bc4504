package exports

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gowasm/gowasm/wasmbridge"
)

// emptyModule is the smallest WebAssembly module: its magic and version.
var emptyModule = []byte("\x00asm\x01\x00\x00\x00")

func TestAppendRead(t *testing.T) {
	desc := Module{ABI: wasmbridge.ABIVersion, Package: "calc", Target: "wasip1", Funcs: []Func{
		{Name: "add", GoName: "Add", Params: []Param{{Name: "a", Type: Type{Kind: Int32}}}, Results: []Type{{Kind: Int32}}},
	}}
	data, _ := json.MarshalIndent(desc, "", "  ")
	module, err := Append(emptyModule, data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(module)
	if err != nil || len(got.Funcs) != 1 || got.Funcs[0].Name != "add" || got.Funcs[0].GoName != "Add" || got.Package != "calc" {
		t.Fatalf("Read after Append: %+v, %v", got, err)
	}
	if _, err := Append(module, data); err == nil {
		t.Error("a second section was appended")
	}
	if _, err := Read(emptyModule); err != ErrNoSection {
		t.Errorf("Read of a module without the section: %v", err)
	}
}

// TestReadRefuses: a description that would crash a host is refused
// when the module is read.
func TestReadRefuses(t *testing.T) {
	for _, c := range []struct{ name, types, says string }{
		{"slice without its element", `{"kind":"slice"}`, "without its element"},
		{"undeclared struct", `{"kind":"struct","name":"Nope"}`, `struct "Nope" is not declared`},
		{"undeclared enum", `{"kind":"enum","name":"E"}`, `enum "E" is not declared`},
		{"unknown kind", `{"kind":"complex128"}`, `unknown kind "complex128"`},
		{"numbers of strings", `{"kind":"numbers","elem":{"kind":"string"}}`, "without a numeric element"},
	} {
		data := `{"abi":` + jsonInt(wasmbridge.ABIVersion) + `,"package":"p","target":"wasip1","funcs":[{"name":"f","goName":"F","index":0,"params":[{"name":"x","type":` + c.types + `}],"results":[]}]}`
		module, err := Append(emptyModule, []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Read(module); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want an error saying %q", c.name, err, c.says)
		}
	}
}

func jsonInt(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
