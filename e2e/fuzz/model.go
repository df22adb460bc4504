package fuzz

import (
	"bytes"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/gowasm/gowasm/e2e/internal/jsvalue"
	"github.com/gowasm/gowasm/wasmbridge"
)

// The model: what the bridge must do with a call, from the type table
// and JavaScript's semantics alone, written apart from the bridge's code.
// Values are read the way the type table promises: once each, in order
// (parameters, struct fields in declaration order, array elements, map
// entries in Object.keys order), an accessor's first read being the
// value; the first value that does not fit refuses the call.

// Refusal is how the bridge must refuse a call: with an error of Class
// naming Param, the parameter at fault ("" for a wrong number of
// arguments).
type Refusal struct {
	Class string
	Param string
}

// Export is a function of package boundary as the fuzzer calls it.
type Export struct {
	JSName string
	Fn     any      // the Go function
	Params []string // Go parameter names, without the context
	Async  bool     // takes a context.Context first
}

// Judge returns the Go arguments the bridge must pass for a call of e
// with args, or how it must refuse it. remote is worker and pool mode,
// where every export, and inline an async one, takes an options object
// after its parameters.
func Judge(e *Export, args []*Value, remote bool) ([]any, *Refusal) {
	ft := reflect.TypeOf(e.Fn)
	first := 0
	if e.Async {
		first = 1
	}
	n := ft.NumIn() - first
	optional := remote || e.Async
	if len(args) != n && !(optional && len(args) == n+1) {
		return nil, &Refusal{Class: "TypeError"}
	}
	var out []any
	for i := range n {
		t := ft.In(first + i)
		name := e.Params[i]
		if t.Kind() == reflect.Func {
			if args[i].typeof() != "function" {
				return nil, &Refusal{"TypeError", name}
			}
			out = append(out, jsvalue.Callback{Name: strconv.Itoa(i)}) // js/fuzz.js names them by position
			continue
		}
		if t == readerType {
			blob := args[i]
			for blob.K == "realm" {
				blob = blob.V
			}
			if blob.K != "blob" {
				return nil, &Refusal{"TypeError", name}
			}
			out = append(out, bytes.NewReader(blob.bytes()))
			continue
		}
		j := judge{param: name}
		v, ok := j.value(args[i], t, true)
		if !ok {
			return nil, &Refusal{j.class, name}
		}
		out = append(out, v.Interface())
	}
	if len(args) == n+1 && !optionsOK(args[n]) {
		return nil, &Refusal{Class: "TypeError"}
	}
	return out, nil
}

// optionsOK says whether v passes as a call's options object: undefined,
// or an object that is not an array whose signal and throttle (absent in
// the fuzzer's objects) are fine.
func optionsOK(v *Value) bool {
	if v.K == "undef" {
		return true
	}
	if v.typeof() != "object" || v.K == "null" {
		return false
	}
	isArray, throws := v.isArray()
	if throws || isArray {
		return false
	}
	for _, key := range []string{"signal", "throttle"} {
		got, throws := v.get(key)
		if throws || got.K != "undef" {
			return false
		}
	}
	return true
}

// readerType is wasmbridge.Reader: a Blob in JavaScript, a *bytes.Reader
// natively.
var readerType = reflect.TypeFor[wasmbridge.Reader]()

// judge checks one parameter; class is set when it does not fit.
type judge struct {
	param string
	class string
}

func (j *judge) refuse(class string) (reflect.Value, bool) {
	j.class = class
	return reflect.Value{}, false
}

// read is the value of an item or property slot on its first read.
func (j *judge) read(slot *Value) (*Value, bool) {
	if slot.K == "get" {
		if slot.Throw {
			j.class = "TypeError"
			return nil, false
		}
		return slot.V, true
	}
	if slot.K == "hole" {
		return undef(), true
	}
	return slot, true
}

// value converts v to a Go value of type t, as the bridge must; top
// marks a parameter itself (a []byte parameter also takes a
// Uint8ClampedArray).
func (j *judge) value(v *Value, t reflect.Type, top bool) (reflect.Value, bool) {
	switch t {
	case durationType:
		return j.duration(v)
	case timeType:
		return j.date(v)
	}
	if values, ok := enums[t]; ok {
		return j.enum(v, t, values)
	}
	switch t.Kind() {
	case reflect.Pointer:
		switch v.K {
		case "null":
			return reflect.Zero(t), true
		case "undef":
			return j.refuse("TypeError")
		}
		e, ok := j.value(v, t.Elem(), false)
		if !ok {
			return reflect.Value{}, false
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(e)
		return p, true
	case reflect.Bool:
		if v.K != "bool" {
			return j.refuse("TypeError")
		}
		return reflect.ValueOf(v.B).Convert(t), true
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Int, reflect.Uint:
		if v.K != "num" {
			return j.refuse("TypeError")
		}
		lo, hi := intRange(t.Kind())
		if f := v.float(); f != math.Trunc(f) || f < lo || f > hi {
			return j.refuse("RangeError")
		}
		return reflect.ValueOf(v.float()).Convert(t), true
	case reflect.Int64, reflect.Uint64:
		if v.K != "big" {
			return j.refuse("TypeError")
		}
		b, _ := new(big.Int).SetString(v.N, 10)
		if t.Kind() == reflect.Int64 && b.IsInt64() {
			return reflect.ValueOf(b.Int64()).Convert(t), true
		}
		if t.Kind() == reflect.Uint64 && b.IsUint64() {
			return reflect.ValueOf(b.Uint64()).Convert(t), true
		}
		return j.refuse("RangeError")
	case reflect.Float32:
		if v.K != "num" {
			return j.refuse("TypeError")
		}
		if f := v.float(); math.Abs(f) > math.MaxFloat32 && !math.IsInf(f, 0) {
			return j.refuse("RangeError")
		}
		return reflect.ValueOf(float32(v.float())).Convert(t), true
	case reflect.Float64:
		if v.K != "num" {
			return j.refuse("TypeError")
		}
		return reflect.ValueOf(v.float()).Convert(t), true
	case reflect.String:
		if v.K != "str" && v.K != "str16" {
			return j.refuse("TypeError")
		}
		s, ok := v.text()
		if !ok {
			return j.refuse("TypeError")
		}
		return reflect.ValueOf(s).Convert(t), true
	case reflect.Slice:
		if _, numeric := jsvalue.TypedArrays[t.Elem().Kind()]; numeric {
			return j.typedArray(v, t, top)
		}
		return j.array(v, t)
	case reflect.Map:
		return j.record(v, t)
	case reflect.Struct:
		return j.object(v, t)
	}
	panic("fuzz: no model for " + t.String())
}

func intRange(k reflect.Kind) (lo, hi float64) {
	switch k {
	case reflect.Int8:
		return math.MinInt8, math.MaxInt8
	case reflect.Uint8:
		return 0, math.MaxUint8
	case reflect.Int16:
		return math.MinInt16, math.MaxInt16
	case reflect.Uint16:
		return 0, math.MaxUint16
	case reflect.Int32:
		return math.MinInt32, math.MaxInt32
	case reflect.Uint32:
		return 0, math.MaxUint32
	case reflect.Int:
		return -(1<<53 - 1), 1<<53 - 1
	default: // uint
		return 0, 1<<53 - 1
	}
}

var (
	durationType = reflect.TypeFor[time.Duration]()
	timeType     = reflect.TypeFor[time.Time]()
)

// duration: a number of milliseconds that is a whole number of
// nanoseconds: ms·10^6, rounded half away from zero, fits an int64 and
// divides back to ms (the type table's definition).
func (j *judge) duration(v *Value) (reflect.Value, bool) {
	if v.K != "num" {
		return j.refuse("TypeError")
	}
	ms := v.float()
	ns := math.Round(ms * 1e6)
	if !(ns >= -(1<<63) && ns < 1<<63) || ns/1e6 != ms {
		return j.refuse("RangeError")
	}
	return reflect.ValueOf(time.Duration(ns)), true
}

// date: a Date of any realm, whatever its getTime says; what new Date(ms)
// holds is ms clipped as ECMAScript's TimeClip does: NaN outside ±8.64e15,
// else truncated to an integer. An Invalid Date is a RangeError.
func (j *judge) date(v *Value) (reflect.Value, bool) {
	for v.K == "realm" {
		v = v.V
	}
	if v.K != "date" {
		return j.refuse("TypeError")
	}
	ms := v.float()
	if math.IsNaN(ms) || math.Abs(ms) > 8.64e15 {
		return j.refuse("RangeError")
	}
	return reflect.ValueOf(time.UnixMilli(int64(math.Trunc(ms))).UTC()), true
}

// enum: one of the type's values, compared as JavaScript's Set.has does;
// a value of their JavaScript type but none of them is a RangeError.
func (j *judge) enum(v *Value, t reflect.Type, values []any) (reflect.Value, bool) {
	want := "number"
	switch t.Kind() {
	case reflect.String:
		want = "string"
	case reflect.Int64, reflect.Uint64:
		want = "bigint"
	}
	if v.typeof() != want || v.K == "boxed" {
		return j.refuse("TypeError")
	}
	for _, c := range values {
		w := enumValue(c)
		var same bool
		switch want {
		case "string":
			s, ok := v.text()
			ws, _ := w.text()
			same = ok && s == ws
		case "bigint":
			b, _ := new(big.Int).SetString(v.N, 10)
			same = b.String() == w.N
		default:
			same = v.float() == w.float() // -0 is 0, NaN is nothing
		}
		if same {
			return reflect.ValueOf(c), true
		}
	}
	return j.refuse("RangeError")
}

// typedArray: only a real TypedArray of the element's kind, of any realm,
// whose buffer is attached; its contents are its bytes, whatever its own
// properties or a subclass's getters say.
func (j *judge) typedArray(v *Value, t reflect.Type, top bool) (reflect.Value, bool) {
	for v.K == "realm" {
		v = v.V
	}
	kind := jsvalue.TypedArrays[t.Elem().Kind()]
	if v.K != "ta" || (v.TA != kind && !(top && kind == "Uint8Array" && v.TA == "Uint8ClampedArray")) || v.Lie == "detached" {
		return j.refuse("TypeError")
	}
	b := v.bytes()
	n := len(b) / int(t.Elem().Size())
	s := reflect.MakeSlice(t, n, n)
	if n > 0 { // every bit, NaN payloads included (the hosts are little-endian)
		copy(unsafe.Slice((*byte)(s.UnsafePointer()), len(b)), b)
	}
	return s, true
}

// array: anything Array.isArray accepts; its length is read once, then
// each element once.
func (j *judge) array(v *Value, t reflect.Type) (reflect.Value, bool) {
	isArray, throws := v.isArray()
	if throws || !isArray {
		return j.refuse("TypeError")
	}
	items := v.arrayItems()
	s := reflect.MakeSlice(t, len(items), len(items))
	for i, slot := range items {
		x, ok := j.read(slot)
		if !ok {
			return reflect.Value{}, false
		}
		e, ok := j.value(x, t.Elem(), false)
		if !ok {
			return reflect.Value{}, false
		}
		s.Index(i).Set(e)
	}
	return s, true
}

// record: a plain object of any realm (its prototype null or an
// Object.prototype); its keys in Object.keys order, each well formed.
func (j *judge) record(v *Value, t reflect.Type) (reflect.Value, bool) {
	isRecord, throws := v.isRecord()
	if throws || !isRecord {
		return j.refuse("TypeError")
	}
	m := reflect.MakeMap(t)
	for _, i := range v.objectKeysOrder() {
		o := v.object()
		key, ok := o.Keys[i].text()
		if !ok {
			return j.refuse("TypeError")
		}
		x, ok := j.read(o.Vals[i])
		if !ok {
			return reflect.Value{}, false
		}
		e, ok := j.value(x, t.Elem(), false)
		if !ok {
			return reflect.Value{}, false
		}
		m.SetMapIndex(reflect.ValueOf(key), e)
	}
	return m, true
}

// object: any object; each property (encoding/json's fields, embedded
// structs' promoted) read by its json name, inherited properties
// included; an omitempty one that is undefined is Go's zero value.
func (j *judge) object(v *Value, t reflect.Type) (reflect.Value, bool) {
	if v.typeof() != "object" || v.K == "null" {
		return j.refuse("TypeError")
	}
	s := reflect.New(t).Elem()
	for _, p := range jsvalue.Properties(t) {
		slot, throws := v.get(p.Name)
		if throws {
			return j.refuse("TypeError")
		}
		x, ok := j.read(slot)
		if !ok {
			return reflect.Value{}, false
		}
		if p.OmitEmpty && x.K == "undef" {
			continue // absent: Go's zero value
		}
		f, ok := j.value(x, t.FieldByIndex(p.Index).Type, false)
		if !ok {
			return reflect.Value{}, false
		}
		s.FieldByIndex(p.Index).Set(f)
	}
	return s, true
}

// ---- JavaScript semantics of Values -----------------------------------------

// typeof is JavaScript's typeof of v.
func (v *Value) typeof() string {
	switch v.K {
	case "undef":
		return "undefined"
	case "bool":
		return "boolean"
	case "num":
		return "number"
	case "big":
		return "bigint"
	case "str", "str16":
		return "string"
	case "sym":
		return "symbol"
	case "fn":
		return "function"
	case "proxy", "realm":
		return v.V.typeof()
	}
	return "object" // null, boxed, arr, obj, ta, fake-ta, date, fake-date, revoked, length-lie
}

// isArray is Array.isArray(v), which throws for a revoked Proxy.
func (v *Value) isArray() (isArray, throws bool) {
	switch v.K {
	case "arr", "length-lie":
		return true, false
	case "proxy", "realm":
		return v.V.isArray()
	case "revoked":
		return false, true
	}
	return false, false
}

// arrayItems are the slots of an array Value.
func (v *Value) arrayItems() []*Value {
	for v.K != "arr" {
		v = v.V
	}
	return v.Items
}

// isRecord: a plain object of any realm. Object.getPrototypeOf throws for
// a revoked Proxy.
func (v *Value) isRecord() (isRecord, throws bool) {
	switch v.K {
	case "obj":
		return v.Proto == "" || v.Proto == "null", false
	case "proxy", "realm":
		return v.V.isRecord()
	case "revoked":
		return false, true
	}
	return false, false
}

// object is the obj Value under proxy and realm wrappers.
func (v *Value) object() *Value {
	for v.K != "obj" {
		v = v.V
	}
	return v
}

// objectKeysOrder is the order of Object.keys over an obj Value's keys:
// array indices ascending, then the other keys as defined.
func (v *Value) objectKeysOrder() []int {
	o := v.object()
	var indices, others []int
	for i, k := range o.Keys {
		if s, ok := k.text(); ok && isArrayIndex(s) {
			indices = append(indices, i)
		} else {
			others = append(others, i)
		}
	}
	slices.SortFunc(indices, func(a, b int) int {
		x, _ := o.Keys[a].text()
		y, _ := o.Keys[b].text()
		p, _ := strconv.ParseUint(x, 10, 64)
		q, _ := strconv.ParseUint(y, 10, 64)
		return int(p) - int(q)
	})
	return append(indices, others...)
}

// isArrayIndex: a canonical numeric string below 2^32 - 1.
func isArrayIndex(s string) bool {
	n, err := strconv.ParseUint(s, 10, 64)
	return err == nil && n < 1<<32-1 && strconv.FormatUint(n, 10) == s
}

// get is v[key] for an object v: the slot of an own property, or what the
// prototype chain gives for the fuzzer's objects (nothing, but for
// "__proto__", the prototype, and a Map's "size"). It throws for a revoked
// Proxy.
func (v *Value) get(key string) (slot *Value, throws bool) {
	switch v.K {
	case "proxy", "realm", "length-lie":
		if v.K == "length-lie" && key == "length" {
			return num(float64(len(v.V.arrayItems()))), false
		}
		return v.V.get(key)
	case "revoked":
		return nil, true
	case "obj":
		for i, k := range v.Keys {
			if s, ok := k.text(); ok && s == key {
				return v.Vals[i], false
			}
		}
		switch {
		case key == "__proto__" && v.Proto == "null":
			return undef(), false
		case key == "size" && v.Proto == "map":
			return num(0), false
		}
	case "arr":
		if i, err := strconv.Atoi(key); err == nil && isArrayIndex(key) && i < len(v.Items) {
			return v.Items[i], false
		}
	}
	if key == "__proto__" {
		return &Value{K: "obj", Proto: "class"}, false // some prototype object
	}
	return undef(), false
}

// qualified is the name errors give an export: boundary.int32.
func qualified(jsName string) string { return "boundary." + jsName }

// names reports whether message names parameter param of fn, the
// beginning of its path at least.
func names(message, fn, param string) bool {
	if !strings.HasPrefix(message, qualified(fn)+": ") {
		return false
	}
	if param == "" {
		return true
	}
	at := `parameter "` + param
	i := strings.Index(message, at)
	return i >= 0 && len(message) > i+len(at) && strings.ContainsRune(`".[`, rune(message[i+len(at)]))
}
