// Package fuzz fuzzes the JavaScript ↔ Go boundary against native Go.
// The generator (gen.go) makes random and hostile JavaScript arguments for
// the exports of package boundary; js/fuzz.js builds them as real
// JavaScript values and calls the bridge inline, in a worker or in a pool,
// in Node or in headless Chromium; the model (model.go) says, from the
// type table alone, whether the bridge must accept each call and with
// which Go values, and the accepted calls are replayed natively. Every
// difference is a failure, printed with a reproduction (fuzz_test.go).
package fuzz

import (
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"unicode/utf16"
)

// A Value describes a JavaScript value as JSON, for js/fuzz.js to build
// (materialize) or print (source). K, its kind, says which fields apply:
//
//	undef null sym                 undefined, null, a symbol
//	bool                           B
//	num                            N: the float64's bits, 16 hex digits
//	big                            N: a bigint, in decimal
//	str                            S repeated Rep times (once when 0)
//	str16                          Units: UTF-16 code units, for lone surrogates
//	boxed                          Object(V): a Number, String... object
//	arr                            Items; an item may be a get slot or a hole
//	obj                            Keys (str or str16) and Vals (values or
//	                               get slots); Proto is "" (a plain object),
//	                               "null", "class" (a class instance) or "map"
//	ta                             a TypedArray of kind TA over the bytes
//	                               Hex, Off bytes into its buffer; Buf is ""
//	                               or "shared" or "resizable"; Lie is "own"
//	                               (own length properties that lie),
//	                               "subclass" (getters that lie) or
//	                               "detached" (its buffer transferred away)
//	fake-ta                        an object with TA's prototype, no slots
//	date                           new Date(N's float64); Lie "subclass":
//	                               of a subclass whose getTime lies
//	fake-date                      an object with Date's prototype, no slot
//	blob                           a Blob of the bytes Hex
//	fn                             a function recording its calls;
//	                               Reenter: each call calls api.int32(7)
//	proxy                          a Proxy forwarding everything to V
//	revoked                        a revoked Proxy
//	realm                          V, built in another realm
//	length-lie                     a Proxy of the array V whose length
//	                               answers truly once, then Len
//
// and, only as an item or a property value:
//
//	hole                           a hole in an array
//	get                            an accessor: the first read returns V,
//	                               later reads Then; Throw makes reads
//	                               throw, Reenter makes each read call
//	                               api.int32(7), Push makes each read push
//	                               an element onto the array holding it
type Value struct {
	K       string   `json:"k"`
	B       bool     `json:"b,omitempty"`
	N       string   `json:"n,omitempty"`
	S       string   `json:"s,omitempty"`
	Rep     int      `json:"rep,omitempty"`
	Units   []uint16 `json:"units,omitempty"`
	Items   []*Value `json:"items,omitempty"`
	Keys    []*Value `json:"keys,omitempty"`
	Vals    []*Value `json:"vals,omitempty"`
	Proto   string   `json:"proto,omitempty"`
	TA      string   `json:"ta,omitempty"`
	Hex     string   `json:"hex,omitempty"`
	Off     int      `json:"off,omitempty"`
	Buf     string   `json:"buf,omitempty"`
	Lie     string   `json:"lie,omitempty"`
	V       *Value   `json:"v,omitempty"`
	Then    *Value   `json:"then,omitempty"`
	Throw   bool     `json:"throw,omitempty"`
	Reenter bool     `json:"reenter,omitempty"`
	Push    bool     `json:"push,omitempty"`
	Len     int      `json:"len,omitempty"`
}

func undef() *Value                  { return &Value{K: "undef"} }
func boolean(b bool) *Value          { return &Value{K: "bool", B: b} }
func str(s string) *Value            { return &Value{K: "str", S: s} }
func bigint(dec string) *Value       { return &Value{K: "big", N: dec} }
func wrap(k string, v *Value) *Value { return &Value{K: k, V: v} }

func num(f float64) *Value {
	return &Value{K: "num", N: fmt.Sprintf("%016x", math.Float64bits(f))}
}

func typedArray(kind string, bytes []byte) *Value {
	return &Value{K: "ta", TA: kind, Hex: hex.EncodeToString(bytes)}
}

// float is the number a num Value holds.
func (v *Value) float() float64 {
	var bits uint64
	fmt.Sscanf(v.N, "%x", &bits)
	return math.Float64frombits(bits)
}

// text is the string a str or str16 Value holds, and whether it is well
// formed (has no lone surrogate), which is when it has a UTF-8 form.
func (v *Value) text() (s string, wellFormed bool) {
	if v.K == "str16" {
		for i := 0; i < len(v.Units); i++ {
			u := rune(v.Units[i])
			switch {
			case utf16.IsSurrogate(u) && u < 0xDC00 && i+1 < len(v.Units) && v.Units[i+1] >= 0xDC00 && v.Units[i+1] <= 0xDFFF:
				i++
			case utf16.IsSurrogate(u):
				return "", false
			}
		}
		return string(utf16.Decode(v.Units)), true
	}
	return strings.Repeat(v.S, max(v.Rep, 1)), true
}

// bytes is the contents of a ta Value.
func (v *Value) bytes() []byte {
	b, err := hex.DecodeString(v.Hex)
	if err != nil {
		panic("fuzz: bad hex in a ta value: " + err.Error())
	}
	return b
}

// clone copies v deeply, for the shrinker to edit.
func (v *Value) clone() *Value {
	if v == nil {
		return nil
	}
	c := *v
	c.Units = append([]uint16(nil), v.Units...)
	c.Items = cloneAll(v.Items)
	c.Keys = cloneAll(v.Keys)
	c.Vals = cloneAll(v.Vals)
	c.V = v.V.clone()
	c.Then = v.Then.clone()
	return &c
}

func cloneAll(vs []*Value) []*Value {
	if vs == nil {
		return nil
	}
	out := make([]*Value, len(vs))
	for i, v := range vs {
		out[i] = v.clone()
	}
	return out
}
