package conformance

import (
	"context"
	"fmt"
	"reflect"
	"unicode"

	"github.com/gowasm/gowasm/e2e/internal/jsvalue"
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
			tagged, err := jsvalue.Tag(v)
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
// runner would (see jsvalue.Call).
func (c testCase) nativeOutcome() map[string]any {
	args := make([]any, len(c.args))
	for i, a := range c.args {
		if name, ok := a.(callback); ok {
			args[i] = jsvalue.Callback{Name: string(name)}
		} else {
			args[i] = a
		}
	}
	return jsvalue.Call(qualified(c.fn), c.native, args)
}
