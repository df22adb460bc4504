package conformance

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gowasm/gowasm/wasmbridge"
)

// The oracle: each case's expected outcome comes from calling the same Go
// function natively, converted to the tagged JSON form that runner.js
// builds from what JavaScript received. Neither side uses the codec under
// test.

// jsOnly is an argument only JavaScript can express (a wrong type, a
// detached buffer...), passed to the runner as is.
type jsOnly struct{ tagged any }

// callback is a func argument; the runner records the calls it gets.
type callback string

type testCase struct {
	fn     string // JavaScript name
	native any    // the Go function
	args   []any
	// Bad-input cases are not run natively: they expect an error class
	// and a message naming the function and parameter.
	bad          bool
	wantClass    string
	wantContains string
	// remoteContains, when set, replaces wantContains in worker and pool modes.
	remoteContains string
}

var contextType = reflect.TypeFor[context.Context]()

// errInvalidUTF8 is what JavaScript reports for a Go string it cannot
// decode losslessly (the type table: a result that is not UTF-8 → TypeError).
var errInvalidUTF8 = errors.New("a Go string is not valid UTF-8; return []byte for binary data")

// qualified is the name that JavaScript errors start with.
func qualified(fn string) string { return "conformance." + fn }

// goName is the native function's name as Go stacks print it.
func goName(fn string) string {
	return "conformance." + string(unicode.ToUpper(rune(fn[0]))) + fn[1:]
}

// jsArgs tags the arguments for the runner, converting each to the
// parameter's Go type first so that, e.g., 2 for an int64 becomes a bigint.
func (c testCase) jsArgs() []any {
	ft := reflect.TypeOf(c.native)
	first := 0
	if ft.NumIn() > 0 && ft.In(0) == contextType {
		first = 1
	}
	out := []any{}
	for i, a := range c.args {
		switch a := a.(type) {
		case jsOnly:
			out = append(out, a.tagged)
		case callback:
			out = append(out, map[string]any{"$callback": string(a)})
		default:
			v := reflect.ValueOf(a)
			if i+first < ft.NumIn() {
				v = convert(v, ft.In(i+first))
			}
			tagged, err := tag(v)
			if err != nil {
				panic(fmt.Sprintf("%s argument %d: %v", c.fn, i, err))
			}
			out = append(out, tagged)
		}
	}
	return out
}

func convert(v reflect.Value, t reflect.Type) reflect.Value {
	if v.Type() != t && v.Type().ConvertibleTo(t) {
		return v.Convert(t)
	}
	return v
}

// nativeOutcome calls the Go function and describes its outcome as the
// runner would: {"value": tagged} or {"error": {class, message}}, plus
// the calls each callback received.
func (c testCase) nativeOutcome() map[string]any {
	fv := reflect.ValueOf(c.native)
	ft := fv.Type()
	var in []reflect.Value
	if ft.NumIn() > 0 && ft.In(0) == contextType {
		in = append(in, reflect.ValueOf(context.Background()))
	}
	calls := map[string]any{}
	for _, a := range c.args {
		pt := ft.In(len(in))
		if name, ok := a.(callback); ok {
			var recorded []any
			calls[string(name)] = []any{}
			in = append(in, reflect.MakeFunc(pt, func(args []reflect.Value) []reflect.Value {
				var tagged []any
				for _, x := range args {
					t, err := tag(x)
					if err != nil {
						panic(err)
					}
					tagged = append(tagged, t)
				}
				recorded = append(recorded, tagged)
				calls[string(name)] = recorded
				return nil
			}))
			continue
		}
		in = append(in, convert(reflect.ValueOf(a), pt))
	}
	out := map[string]any{}
	if len(calls) > 0 {
		out["calls"] = calls
	}
	results, panicValue := callRecovering(fv, in)
	if panicValue != nil {
		out["error"] = map[string]any{"class": "GoPanicError", "message": qualified(c.fn) + ": panic: " + fmt.Sprint(panicValue)}
		return out
	}
	if n := len(results); n > 0 && ft.Out(n-1) == reflect.TypeFor[error]() {
		if err, _ := results[n-1].Interface().(error); err != nil {
			out["error"] = map[string]any{"class": "GoError", "message": qualified(c.fn) + ": " + err.Error()}
			return out
		}
		results = results[:n-1]
	}
	if len(results) == 0 {
		out["value"] = map[string]any{"$undef": 1}
		return out
	}
	v, err := tag(results[0])
	if err != nil {
		// The result has no exact JavaScript form: the call must fail.
		class := "GoError"
		if err == errInvalidUTF8 {
			class = "TypeError"
		}
		out["error"] = map[string]any{"class": class, "message": qualified(c.fn) + ": " + err.Error()}
		return out
	}
	out["value"] = v
	return out
}

func callRecovering(fv reflect.Value, in []reflect.Value) (out []reflect.Value, panicValue any) {
	defer func() { panicValue = recover() }()
	return fv.Call(in), nil
}

// tag converts a Go value into the runner's tagged JSON form, following
// the type table: numbers as float64 bits, 64-bit integers as bigints,
// numeric slices as TypedArrays, nil slices and maps as empty ones.
func tag(v reflect.Value) (any, error) {
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool(), nil
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return number(float64(v.Int())), nil
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return number(float64(v.Uint())), nil
	case reflect.Int:
		if i := v.Int(); i > 1<<53-1 || i < -(1<<53-1) {
			return nil, wasmbridge.ErrUnsafeInteger
		}
		return number(float64(v.Int())), nil
	case reflect.Uint:
		if v.Uint() > 1<<53-1 {
			return nil, wasmbridge.ErrUnsafeInteger
		}
		return number(float64(v.Uint())), nil
	case reflect.Int64:
		return map[string]any{"$big": strconv.FormatInt(v.Int(), 10)}, nil
	case reflect.Uint64:
		return map[string]any{"$big": strconv.FormatUint(v.Uint(), 10)}, nil
	case reflect.Float32, reflect.Float64:
		return number(v.Float()), nil
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return nil, errInvalidUTF8
		}
		return v.String(), nil
	case reflect.Slice:
		items := []any{}
		for i := range v.Len() {
			item, err := tag(v.Index(i))
			if err != nil {
				return nil, err
			}
			items = append(items, item)
		}
		if name, ok := typedArrayNames[v.Type().Elem().Kind()]; ok {
			return map[string]any{"$ta": name, "$items": items}, nil
		}
		return items, nil
	case reflect.Map:
		obj := map[string]any{}
		for _, k := range v.MapKeys() {
			item, err := tag(v.MapIndex(k))
			if err != nil {
				return nil, err
			}
			obj[k.String()] = item
		}
		return obj, nil
	case reflect.Struct:
		obj := map[string]any{}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name, ok := jsonFieldName(f)
			if !ok {
				continue
			}
			item, err := tag(v.Field(i))
			if err != nil {
				return nil, err
			}
			obj[name] = item
		}
		return obj, nil
	}
	return nil, fmt.Errorf("no JavaScript form for %s", v.Type())
}

// jsonFieldName follows encoding/json's naming, independently of the
// generator's implementation.
func jsonFieldName(f reflect.StructField) (string, bool) {
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

var typedArrayNames = map[reflect.Kind]string{
	reflect.Int8: "Int8Array", reflect.Uint8: "Uint8Array", reflect.Int16: "Int16Array",
	reflect.Uint16: "Uint16Array", reflect.Int32: "Int32Array", reflect.Uint32: "Uint32Array",
	reflect.Int64: "BigInt64Array", reflect.Uint64: "BigUint64Array",
	reflect.Float32: "Float32Array", reflect.Float64: "Float64Array",
}

func number(f float64) map[string]any {
	if math.IsNaN(f) {
		return map[string]any{"$num": "NaN"}
	}
	return map[string]any{"$num": fmt.Sprintf("%016x", math.Float64bits(f))}
}
