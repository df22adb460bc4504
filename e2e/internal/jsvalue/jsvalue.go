// Package jsvalue is the tagged JSON form in which the end-to-end tests
// compare what JavaScript received from Go with what native Go computed.
// Go builds it from Go values (Tag) and tag.js builds it from JavaScript
// values, each independently of the codec under test:
//
//	{"$num": "<float64 bits in hex>" | "NaN"}   a number (any NaN is "NaN")
//	{"$big": "<decimal>"}                       a bigint
//	{"$ta": "<TypedArray name>", "$hex": ""}    a TypedArray and its bytes,
//	                                            little-endian: NaN payloads
//	                                            and -0 compare exactly
//	{"$undef": 1}                               undefined
//	{"$date": {"$num": ...}}                    a Date and its time value
//
// Booleans, strings, arrays and null are themselves. Objects are objects
// whose keys starting with "$" get one more "$", so that no key of a Go
// map can pass for a tag.
package jsvalue

import (
	"bytes"
	"cmp"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/gowasm/gowasm/wasmbridge"
)

// ErrInvalidUTF8 is what JavaScript reports for a Go string it cannot
// decode losslessly (the type table: a result that is not UTF-8 → TypeError).
var ErrInvalidUTF8 = errors.New("a Go string is not valid UTF-8; return []byte for binary data")

// Number tags a JavaScript number.
func Number(f float64) map[string]any {
	if math.IsNaN(f) {
		return map[string]any{"$num": "NaN"}
	}
	return map[string]any{"$num": fmt.Sprintf("%016x", math.Float64bits(f))}
}

// Key is the tagged form of an object key.
func Key(k string) string {
	if strings.HasPrefix(k, "$") {
		return "$" + k
	}
	return k
}

// Tag converts a Go value into the tagged form of what JavaScript
// receives for it, following the type table: numbers as float64 bits,
// 64-bit integers as bigints, numeric slices as TypedArrays, nil slices
// and maps as empty ones, structs by their json names. It fails as the
// bridge must for a value with no exact JavaScript form: a string that is
// not UTF-8 (ErrInvalidUTF8), an int outside the safe range
// (wasmbridge.ErrUnsafeInteger).
func Tag(v reflect.Value) (any, error) {
	switch v.Type() {
	case durationType:
		// A number of milliseconds that gives back the nanoseconds.
		ns := v.Int()
		ms := float64(ns) / 1e6
		if float64(ns) >= 1<<63 || int64(float64(ns)) != ns || math.Round(ms*1e6) != float64(ns) {
			return nil, wasmbridge.ErrInexactDuration
		}
		return Number(ms), nil
	case timeType:
		// A Date: whole milliseconds since 1970, rounded down.
		t := v.Interface().(time.Time)
		// big.Int's Div is Euclidean: for a positive divisor, it rounds down.
		ms := new(big.Int).Div(bigNanos(t), big.NewInt(1e6))
		if ms.CmpAbs(big.NewInt(8.64e15)) > 0 {
			return nil, wasmbridge.ErrDateRange
		}
		return map[string]any{"$date": Number(float64(ms.Int64()))}, nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil, nil
		}
		return Tag(v.Elem())
	case reflect.Bool:
		return v.Bool(), nil
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return Number(float64(v.Int())), nil
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return Number(float64(v.Uint())), nil
	case reflect.Int:
		if i := v.Int(); i > 1<<53-1 || i < -(1<<53-1) {
			return nil, wasmbridge.ErrUnsafeInteger
		}
		return Number(float64(v.Int())), nil
	case reflect.Uint:
		if v.Uint() > 1<<53-1 {
			return nil, wasmbridge.ErrUnsafeInteger
		}
		return Number(float64(v.Uint())), nil
	case reflect.Int64:
		return map[string]any{"$big": strconv.FormatInt(v.Int(), 10)}, nil
	case reflect.Uint64:
		return map[string]any{"$big": strconv.FormatUint(v.Uint(), 10)}, nil
	case reflect.Float32, reflect.Float64:
		return Number(v.Float()), nil
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return nil, ErrInvalidUTF8
		}
		return v.String(), nil
	case reflect.Slice:
		if name, ok := TypedArrays[v.Type().Elem().Kind()]; ok {
			return map[string]any{"$ta": name, "$hex": hex.EncodeToString(littleEndian(v))}, nil
		}
		items := []any{}
		for i := range v.Len() {
			item, err := Tag(v.Index(i))
			if err != nil {
				return nil, err
			}
			items = append(items, item)
		}
		return items, nil
	case reflect.Map:
		obj := map[string]any{}
		for _, k := range v.MapKeys() {
			if !utf8.ValidString(k.String()) {
				return nil, ErrInvalidUTF8
			}
			item, err := Tag(v.MapIndex(k))
			if err != nil {
				return nil, err
			}
			obj[Key(k.String())] = item
		}
		return obj, nil
	case reflect.Struct:
		obj := map[string]any{}
		for _, f := range Properties(v.Type()) {
			fv := v.FieldByIndex(f.Index)
			if f.OmitEmpty && isEmpty(fv) {
				continue
			}
			item, err := Tag(fv)
			if err != nil {
				return nil, err
			}
			obj[Key(f.Name)] = item
		}
		if err := sameKeysAsJSON(v, obj); err != nil {
			return nil, err
		}
		return obj, nil
	}
	return nil, fmt.Errorf("no JavaScript form for %s", v.Type())
}

// littleEndian is the memory of a numeric slice, as a TypedArray holds
// it: every bit, NaN payloads included (the hosts are little-endian).
func littleEndian(v reflect.Value) []byte {
	n := v.Len() * int(v.Type().Elem().Size())
	if n == 0 {
		return nil
	}
	return bytes.Clone(unsafe.Slice((*byte)(v.UnsafePointer()), n))
}

// Property is a struct field that crosses as a property.
type Property struct {
	Name      string
	Index     []int // for reflect.Value.FieldByIndex
	OmitEmpty bool
}

// Properties lists the properties of struct type t as encoding/json
// documents them, written apart from the generator: exported fields by
// their json names, "-" left out, embedded structs' fields promoted, and
// of several fields with one name the shallowest, else the one tagged
// with it, else none.
func Properties(t reflect.Type) []Property {
	type candidate struct {
		Property
		tagged bool
	}
	var all []candidate
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag, hasTag := f.Tag.Lookup("json")
			if hasTag && tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			at := append(slices.Clone(index), i)
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				walk(f.Type, at)
				continue
			}
			if !f.IsExported() {
				continue
			}
			omit := slices.Contains(strings.Split(opts, ","), "omitempty")
			all = append(all, candidate{Property{cmp.Or(name, f.Name), at, omit}, name != ""})
		}
	}
	walk(t, nil)
	var out []Property
	for _, c := range all {
		wins := true
		for _, o := range all {
			if o.Name != c.Name || slices.Equal(o.Index, c.Index) {
				continue
			}
			if len(o.Index) < len(c.Index) || (len(o.Index) == len(c.Index) && (o.tagged || !c.tagged)) {
				wins = false
			}
		}
		if wins {
			out = append(out, c.Property)
		}
	}
	return out
}

// isEmpty is omitempty's test, as encoding/json documents it.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// sameKeysAsJSON checks the keys of obj, the tagged form of struct v,
// against the ones encoding/json itself writes for v, when it can
// marshal v (not NaN, say): the independent oracle of which fields cross.
func sameKeysAsJSON(v reflect.Value, obj map[string]any) error {
	data, err := json.Marshal(v.Interface())
	if err != nil {
		return nil
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		return err
	}
	var want, got []string
	for k := range keys {
		want = append(want, Key(k))
	}
	for k := range obj {
		got = append(got, k)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		return fmt.Errorf("jsvalue: %s has properties %q, encoding/json writes %q", v.Type(), got, want)
	}
	return nil
}

var (
	durationType = reflect.TypeFor[time.Duration]()
	timeType     = reflect.TypeFor[time.Time]()
)

// bigNanos is t in nanoseconds since 1970, exactly, for any year.
func bigNanos(t time.Time) *big.Int {
	n := big.NewInt(t.Unix())
	n.Mul(n, big.NewInt(1e9))
	return n.Add(n, big.NewInt(int64(t.Nanosecond())))
}

// TypedArrays names the TypedArray of each numeric slice element kind.
var TypedArrays = map[reflect.Kind]string{
	reflect.Int8: "Int8Array", reflect.Uint8: "Uint8Array", reflect.Int16: "Int16Array",
	reflect.Uint16: "Uint16Array", reflect.Int32: "Int32Array", reflect.Uint32: "Uint32Array",
	reflect.Int64: "BigInt64Array", reflect.Uint64: "BigUint64Array",
	reflect.Float32: "Float32Array", reflect.Float64: "Float64Array",
}

// Callback stands, in the arguments of Call, for a func argument: Call
// passes a function that records its calls under Name.
type Callback struct{ Name string }

var contextType = reflect.TypeFor[context.Context]()

// Call calls fn natively with args, converted to its parameter types (a
// context.Context is passed first when fn takes one), and describes the
// outcome JavaScript must see for the same call of the export qualified:
//
//	{"value": tagged}                        the result, or {"$undef": 1}
//	{"error": {"class", "message"}}          GoError, GoPanicError, or the
//	                                         TypeError of a non-UTF-8 string
//	"calls": {"name": [[tagged args]...]}    what each Callback received
func Call(qualified string, fn any, args []any) map[string]any {
	fv := reflect.ValueOf(fn)
	ft := fv.Type()
	var in []reflect.Value
	if ft.NumIn() > 0 && ft.In(0) == contextType {
		in = append(in, reflect.ValueOf(context.Background()))
	}
	calls := map[string]any{}
	for _, a := range args {
		pt := ft.In(len(in))
		if cb, ok := a.(Callback); ok {
			recorded := []any{}
			calls[cb.Name] = recorded
			in = append(in, reflect.MakeFunc(pt, func(args []reflect.Value) []reflect.Value {
				var tagged []any
				for _, x := range args {
					t, err := Tag(x)
					if err != nil {
						panic(err)
					}
					tagged = append(tagged, t)
				}
				recorded = append(recorded, tagged)
				calls[cb.Name] = recorded
				return nil
			}))
			continue
		}
		v := reflect.ValueOf(a)
		if v.Type() != pt && v.Type().ConvertibleTo(pt) {
			v = v.Convert(pt)
		}
		in = append(in, v)
	}
	out := map[string]any{}
	if len(calls) > 0 {
		out["calls"] = calls
	}
	results, panicValue := callRecovering(fv, in)
	if panicValue != nil {
		out["error"] = map[string]any{"class": "GoPanicError", "message": qualified + ": panic: " + fmt.Sprint(panicValue)}
		return out
	}
	if n := len(results); n > 0 && ft.Out(n-1) == reflect.TypeFor[error]() {
		if err, _ := results[n-1].Interface().(error); err != nil {
			out["error"] = map[string]any{"class": "GoError", "message": qualified + ": " + err.Error()}
			return out
		}
		results = results[:n-1]
	}
	if len(results) == 0 {
		out["value"] = map[string]any{"$undef": 1}
		return out
	}
	// One result is its value; several are an array of them.
	var tagged []any
	for _, r := range results {
		v, err := Tag(r)
		if err != nil {
			// A result has no exact JavaScript form: the call must fail.
			class := "GoError"
			if err == ErrInvalidUTF8 {
				class = "TypeError"
			}
			out["error"] = map[string]any{"class": class, "message": qualified + ": " + err.Error()}
			return out
		}
		tagged = append(tagged, v)
	}
	if len(tagged) == 1 {
		out["value"] = tagged[0]
	} else {
		out["value"] = tagged
	}
	return out
}

func callRecovering(fv reflect.Value, in []reflect.Value) (out []reflect.Value, panicValue any) {
	defer func() { panicValue = recover() }()
	return fv.Call(in), nil
}
