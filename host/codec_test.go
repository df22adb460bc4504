package host

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/gowasm/gowasm/internal/exports"
	"github.com/gowasm/gowasm/wasmbridge"
)

// A description with two structs that refer to each other, as bind
// would write it for
//
//	type A struct { B *B; N int32 }
//	type B struct { A *A; S string }
var pair = &exports.Module{Structs: []exports.StructType{
	{Name: "A", GoName: "A", Fields: []exports.Field{
		{Name: "b", GoPath: "B", Type: exports.Type{Kind: exports.Pointer, Elem: &exports.Type{Kind: exports.Struct, Name: "B"}}},
		{Name: "n", GoPath: "N", Type: exports.Type{Kind: exports.Int32}},
	}},
	{Name: "B", GoName: "B", Fields: []exports.Field{
		{Name: "a", GoPath: "A", Type: exports.Type{Kind: exports.Pointer, Elem: &exports.Type{Kind: exports.Struct, Name: "A"}}},
		{Name: "s", GoPath: "S", Type: exports.Type{Kind: exports.String}},
	}},
}}

var typeA = &exports.Type{Kind: exports.Struct, Name: "A"}

// named returns the pair's description with its structs named as the
// Go types a test passes.
func named(a, b string) *exports.Module {
	m := &exports.Module{Structs: []exports.StructType{pair.Structs[0], pair.Structs[1]}}
	m.Structs[0].GoName, m.Structs[1].GoName = a, b
	return m
}

type poisonA struct {
	B *poisonB
	N int32
}

type poisonB struct {
	A *poisonA
	S int // not a string: the build of poisonA fails here, after the codec of B.A's pointer was made
}

// TestFailedBuildCachesNothing: a build that fails part way, after
// codecs inside it were finished that call through its unfinished
// entries, leaves none of them in the cache for a later call to find.
func TestFailedBuildCachesNothing(t *testing.T) {
	c := newCodecs(named("poisonA", "poisonB"))
	if _, err := c.enc.get(typeA, reflect.TypeFor[poisonA]()); err == nil || !strings.Contains(err.Error(), "field S") {
		t.Fatalf("poisonA, whose B.S is an int: %v", err)
	}
	if len(c.enc.done) != 0 || len(c.dec.done) != 0 {
		t.Errorf("a failed build left %d encoders and %d decoders in the cache", len(c.enc.done), len(c.dec.done))
	}
}

type cycA struct {
	B *cycB
	N int32
}

type cycB struct {
	A *cycA
	S string
}

// TestCycle: a value that refers to itself is refused, as encoding/json
// refuses it, instead of recursing until the stack runs out.
func TestCycle(t *testing.T) {
	c := newCodecs(named("cycA", "cycB"))
	enc, err := c.enc.get(typeA, reflect.TypeFor[cycA]())
	if err != nil {
		t.Fatal(err)
	}
	a := &cycA{N: 1}
	a.B = &cycB{A: a, S: "loop"}
	s := new(encodeState)
	enc(s, reflect.ValueOf(*a))
	if !errors.Is(s.err, errCycle) {
		t.Fatalf("encoding a cycle: %v", s.err)
	}
	// A deep value without a cycle still crosses.
	deep := &cycA{}
	for range 3 * cyclesAfter {
		deep = &cycA{B: &cycB{A: deep}}
	}
	s = new(encodeState)
	enc(s, reflect.ValueOf(*deep))
	if s.err != nil || s.depth != 0 {
		t.Fatalf("encoding %d levels: %v (depth %d after)", 6*cyclesAfter, s.err, s.depth)
	}
}

// TestDeepResult: a result nested deeper than the host decodes is an
// error, not a stack overflow of the host.
func TestDeepResult(t *testing.T) {
	list := &exports.Module{Structs: []exports.StructType{{Name: "L", GoName: "L", Fields: []exports.Field{
		{Name: "next", GoPath: "Next", Type: exports.Type{Kind: exports.Pointer, Elem: &exports.Type{Kind: exports.Struct, Name: "L"}}},
	}}}}
	type L struct{ Next *L }
	dec, err := newCodecs(list).dec.get(&exports.Type{Kind: exports.Struct, Name: "L"}, reflect.TypeFor[L]())
	if err != nil {
		t.Fatal(err)
	}
	var e wasmbridge.Encoder
	for range 2 * maxDecodeDepth {
		e.Bool(true)
	}
	e.Bool(false)
	s := &decodeState{Decoder: wasmbridge.NewDecoder(e.Bytes())}
	var out L
	dec(s, reflect.ValueOf(&out).Elem())
	if s.err == nil || !strings.Contains(s.err.Error(), "nested over") {
		t.Fatalf("decoding %d levels: %v", 2*maxDecodeDepth, s.err)
	}
}

// TestElementMismatch names the composite, not only its element.
func TestElementMismatch(t *testing.T) {
	c := newCodecs(&exports.Module{})
	strs := &exports.Type{Kind: exports.Slice, Elem: &exports.Type{Kind: exports.Slice, Elem: &exports.Type{Kind: exports.String}}}
	_, err := c.enc.get(strs, reflect.TypeFor[[][]int]())
	if err == nil || err.Error() != "want [][]string, got [][]int" {
		t.Errorf("[][]int for [][]string: %v", err)
	}
}
