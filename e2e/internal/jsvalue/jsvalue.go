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
//
// Booleans, strings, arrays and null are themselves. Objects are objects
// whose keys starting with "$" get one more "$", so that no key of a Go
// map can pass for a tag.
package jsvalue

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
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
	switch v.Kind() {
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
		t := v.Type()
		for i := range t.NumField() {
			name, ok := FieldName(t.Field(i))
			if !ok {
				continue
			}
			item, err := Tag(v.Field(i))
			if err != nil {
				return nil, err
			}
			obj[Key(name)] = item
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

// FieldName is the property a struct field crosses as, following
// encoding/json's naming independently of the generator's implementation;
// ok is false for fields that do not cross.
func FieldName(f reflect.StructField) (name string, ok bool) {
	if !f.IsExported() {
		return "", false
	}
	tagValue, ok := f.Tag.Lookup("json")
	if !ok {
		return f.Name, true
	}
	if tagValue == "-" {
		return "", false
	}
	if name, _, _ := strings.Cut(tagValue, ","); name != "" {
		return name, true
	}
	return f.Name, true
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
	v, err := Tag(results[0])
	if err != nil {
		// The result has no exact JavaScript form: the call must fail.
		class := "GoError"
		if err == ErrInvalidUTF8 {
			class = "TypeError"
		}
		out["error"] = map[string]any{"class": class, "message": qualified + ": " + err.Error()}
		return out
	}
	out["value"] = v
	return out
}

func callRecovering(fv reflect.Value, in []reflect.Value) (out []reflect.Value, panicValue any) {
	defer func() { panicValue = recover() }()
	return fv.Call(in), nil
}
