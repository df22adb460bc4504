package conformance

import (
	"bytes"
	"cmp"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gowasm/gowasm/host"
	"github.com/gowasm/gowasm/wasmbridge"
)

var hostSeed = flag.Uint64("host-seed", 1, "seed of TestHostFuzz's random arguments")

// openHost loads the sync-only wasip1 module in package host.
func openHost(t *testing.T) *host.Module {
	t.Helper()
	m, _ := wasiModule(t)
	wasm, err := os.ReadFile(m.Wasm)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := host.New(context.Background(), wasm, host.WithPoolSize(2))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mod.Close(context.Background()) })
	return mod
}

// hostCases are the suite's value cases of sync exports, whose arguments
// are Go values (no JavaScript-only values, no callbacks).
func hostCases(t *testing.T) []testCase {
	_, async := wasiModule(t)
	var cases []testCase
	for _, c := range append(append(okCases(), idiomCases()...), idiomBadCases()...) {
		plain := !async[goName(c.fn)] && (!c.bad || c.wantClass == "GoError")
		for _, a := range c.args {
			switch a.(type) {
			case jsOnly, callback:
				plain = false
			}
		}
		if plain {
			cases = append(cases, c)
		}
	}
	return cases
}

// TestHost runs every value case of a sync export through package host
// (wazero), with Go values in and out, and compares each outcome with
// the same function called natively: results, error messages and panic
// messages.
func TestHost(t *testing.T) {
	mod := openHost(t)
	cases := hostCases(t)
	if len(cases) < 50 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		if c.bad { // a value the module refuses to return
			err := mod.Call(context.Background(), c.fn, c.args, resultPointers(reflect.TypeOf(c.native))...)
			var re *host.ResultError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), strings.TrimPrefix(c.wantContains, qualified(c.fn)+": ")) {
				t.Errorf("%s: %v; want a ResultError saying %q", c.fn, err, c.wantContains)
			}
			continue
		}
		if problem := compareHost(mod, c.fn, c.native, c.args); problem != "" {
			t.Errorf("%s", problem)
		}
	}
	t.Logf("%d cases through the host agree with native Go", len(cases))
}

// TestHostFuzz calls the same exports with seeded random arguments (go
// test -run TestHostFuzz ./e2e/conformance -args -host-seed N). Values
// the wire cannot carry exactly must fail loudly, as an ArgumentError
// wrapping wasmbridge's error, or, for a result, as the module's error.
func TestHostFuzz(t *testing.T) {
	mod := openHost(t)
	rng := rand.New(rand.NewPCG(*hostSeed, 0x9e3779b97f4a7c15))
	// Exports whose outcome depends on more than their arguments, or
	// whose random arguments would ask for a huge or endless run.
	skip := map[string]bool{"sleepy": true, "busy": true, "hog": true, "trap": true, "exit": true,
		"count": true, "cancelled": true, "long": true}
	var fns []testCase
	seen := map[string]bool{}
	for _, c := range hostCases(t) {
		if !seen[c.fn] && !skip[c.fn] && !hasEnum(reflect.TypeOf(c.native)) {
			seen[c.fn] = true
			fns = append(fns, c)
		}
	}
	calls, loud := 0, 0
	for range 3000 {
		c := fns[rng.IntN(len(fns))]
		ft := reflect.TypeOf(c.native)
		args := make([]any, ft.NumIn())
		for i := range args {
			args[i] = randomValue(rng, ft.In(i), 0).Interface()
		}
		if problem := compareHost(mod, c.fn, c.native, args); problem != "" {
			t.Fatalf("seed %d, call %d: %s", *hostSeed, calls, problem)
		}
		calls++
		if loudArgs(args) != nil {
			loud++
		}
	}
	t.Logf("seed %d: %d random calls of %d exports agree with native Go (%d with arguments refused as inexact)", *hostSeed, calls, len(fns), loud)
}

// compareHost calls fn through the host and native natively, and
// describes how the outcomes differ, with a reproduction, or returns "".
func compareHost(mod *host.Module, fn string, native any, args []any) string {
	fv := reflect.ValueOf(native)
	ft := fv.Type()
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		in[i] = convert(reflect.ValueOf(a), ft.In(i))
		args[i] = in[i].Interface()
	}
	repro := fmt.Sprintf("host.Call(ctx, %q, %#v)", fn, args)
	ptrs := resultPointers(ft)
	nResults := len(ptrs)
	returnsError := ft.NumOut() > nResults
	err := mod.Call(context.Background(), fn, args, ptrs...)

	if want := loudArgs(args); want != nil {
		var bad *host.ArgumentError
		if !errors.As(err, &bad) || !errors.Is(err, want) {
			return fmt.Sprintf("%s: %v; want an ArgumentError wrapping %q", repro, err, want)
		}
		return ""
	}
	out, panicked := callNative(fv, in)
	var pe *host.PanicError
	var ge *host.GoError
	switch {
	case panicked != nil:
		if !errors.As(err, &pe) || pe.Message != fmt.Sprint(panicked) {
			return fmt.Sprintf("%s: %v; natively a panic: %v", repro, err, panicked)
		}
	case returnsError && !out[nResults].IsNil():
		msg := out[nResults].Interface().(error).Error()
		if !errors.As(err, &ge) || ge.Message != msg {
			return fmt.Sprintf("%s: %v; natively the error %q", repro, err, msg)
		}
	default:
		var loud error
		for _, r := range out[:nResults] {
			loud = cmp.Or(loud, loudValue(r, false))
		}
		if loud != nil {
			var re *host.ResultError
			if !errors.As(err, &re) || re.Message != loud.Error() {
				return fmt.Sprintf("%s: %v; natively a result the wire cannot carry exactly, so a ResultError %q", repro, err, loud)
			}
			return ""
		}
		if err != nil {
			return fmt.Sprintf("%s: %v; natively %v", repro, err, values(out[:nResults]))
		}
		for i, p := range ptrs {
			if got := reflect.ValueOf(p).Elem(); !sameValue(out[i], got) {
				return fmt.Sprintf("%s: result %d is %#v, natively %#v", repro, i, got.Interface(), out[i].Interface())
			}
		}
	}
	return ""
}

// resultPointers are pointers to new values of a function's results but
// a last error: what host.Call stores them through.
func resultPointers(ft reflect.Type) []any {
	n := ft.NumOut()
	if n > 0 && ft.Out(n-1) == reflect.TypeFor[error]() {
		n--
	}
	ptrs := make([]any, n)
	for i := range ptrs {
		ptrs[i] = reflect.New(ft.Out(i)).Interface()
	}
	return ptrs
}

func values(vs []reflect.Value) []any {
	var out []any
	for _, v := range vs {
		out = append(out, v.Interface())
	}
	return out
}

func callNative(fv reflect.Value, in []reflect.Value) (out []reflect.Value, panicked any) {
	defer func() { panicked = recover() }()
	return fv.Call(in), nil
}

var (
	durationType = reflect.TypeFor[time.Duration]()
	timeType     = reflect.TypeFor[time.Time]()
)

// sameValue compares a native result with the host's through
// encoding/json, which decides what crosses (json tags, omitempty,
// embedded fields), after a deep copy of each that JSON can compare
// exactly: strings and map keys as hex (Go strings need not be UTF-8),
// NaN and infinities as markers, nil slices and maps as empty ones (they
// are the same on the wire), and times to the millisecond, as a
// JavaScript Date holds them.
func sameValue(want, got reflect.Value) bool {
	w, werr := json.Marshal(exact(want).Interface())
	g, gerr := json.Marshal(exact(got).Interface())
	return werr == nil && gerr == nil && bytes.Equal(w, g)
}

// floatMarkers stand for the floats JSON has no number for; float32
// holds them too.
var floatMarkers = map[string]float64{"NaN": 1.25e38, "+Inf": 2.5e38, "-Inf": -2.5e38}

func exact(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch {
	case v.Type() == timeType:
		// Its milliseconds as nanoseconds: within ±100 days of 1970, which
		// JSON writes, where a Date's range (±273,790 years) is not.
		out.Set(reflect.ValueOf(time.Unix(0, v.Interface().(time.Time).UnixMilli()).UTC()))
		return out
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		switch {
		case math.IsNaN(f):
			f = floatMarkers["NaN"]
		case math.IsInf(f, 1):
			f = floatMarkers["+Inf"]
		case math.IsInf(f, -1):
			f = floatMarkers["-Inf"]
		}
		out.SetFloat(f)
	case reflect.String:
		out.SetString(hex.EncodeToString([]byte(v.String())))
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			s.Index(i).Set(exact(v.Index(i)))
		}
		out.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for _, k := range v.MapKeys() {
			m.SetMapIndex(exact(k), exact(v.MapIndex(k)))
		}
		out.Set(m)
	case reflect.Pointer:
		if !v.IsNil() {
			p := reflect.New(v.Type().Elem())
			p.Elem().Set(exact(v.Elem()))
			out.Set(p)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(exact(v.Field(i)))
			}
		}
	default:
		out.Set(v)
	}
	return out
}

// loudValue is the error wasmbridge's encoder reports for a value the
// wire cannot carry exactly, or nil. An argument's time with digits below
// the millisecond is loud too, as the host refuses it (a result's the
// module's encoder drops, as for JavaScript).
func loudValue(v reflect.Value, arg bool) error {
	switch {
	case v.Type() == durationType:
		if back, ok := wasmbridge.MillisToDuration(float64(v.Int()) / 1e6); !ok || back != v.Int() {
			return wasmbridge.ErrInexactDuration
		}
		return nil
	case v.Type() == timeType:
		tv := v.Interface().(time.Time)
		if ms := tv.UnixMilli(); ms > 8.64e15 || ms < -8.64e15 {
			return wasmbridge.ErrDateRange
		}
		if arg && tv.Nanosecond()%int(time.Millisecond) != 0 {
			return host.ErrInexactTime
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Int:
		if n := v.Int(); n > 1<<53-1 || n < -(1<<53-1) {
			return wasmbridge.ErrUnsafeInteger
		}
	case reflect.Uint:
		if v.Uint() > 1<<53-1 {
			return wasmbridge.ErrUnsafeInteger
		}
	case reflect.Slice:
		for i := range v.Len() {
			if err := loudValue(v.Index(i), arg); err != nil {
				return err
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			if err := loudValue(v.MapIndex(k), arg); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return loudValue(v.Elem(), arg)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() && f.Tag.Get("json") != "-" {
				if err := loudValue(v.Field(i), arg); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// loudArgs is the error an ArgumentError wraps for arguments the wire
// cannot carry exactly, or nil.
func loudArgs(args []any) error {
	for _, a := range args {
		if err := loudValue(reflect.ValueOf(a), true); err != nil {
			return err
		}
	}
	return nil
}

// hasEnum reports whether a function's parameters or results use a
// defined type of this package with constants: random values of it would
// be none of them, which the module refuses by design.
func hasEnum(ft reflect.Type) bool {
	var visit func(t reflect.Type, seen map[reflect.Type]bool) bool
	visit = func(t reflect.Type, seen map[reflect.Type]bool) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Slice, reflect.Pointer, reflect.Map:
			return visit(t.Elem(), seen)
		case reflect.Struct:
			for i := range t.NumField() {
				if visit(t.Field(i).Type, seen) {
					return true
				}
			}
			return false
		}
		return t.PkgPath() == reflect.TypeFor[Point]().PkgPath() && t.Name() != ""
	}
	seen := map[reflect.Type]bool{}
	for i := range ft.NumIn() {
		if visit(ft.In(i), seen) {
			return true
		}
	}
	for i := range ft.NumOut() {
		if visit(ft.Out(i), seen) {
			return true
		}
	}
	return false
}

// randomValue makes a random value of t: edge values often, and now and
// then one the wire cannot carry exactly (an int past 2^53, a duration
// past 2^51 ns that is not whole milliseconds, a time with digits below
// the millisecond), which must fail loudly.
func randomValue(rng *rand.Rand, t reflect.Type, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	switch {
	case t == durationType:
		ms := rng.Int64N(2_000_000_000) - 1_000_000_000
		d := ms*int64(time.Millisecond) + rng.Int64N(1000) // exact: within ±2^51 ns every duration is
		if rng.IntN(20) == 0 {
			d = 1<<52 + rng.Int64N(1<<40) // past 2^51 ns, most are not
		}
		v.SetInt(d)
		return v
	case t == timeType:
		ms := rng.Int64N(2*8_640_000_000_000_000) - 8_640_000_000_000_000
		tv := time.UnixMilli(ms).UTC()
		if rng.IntN(20) == 0 {
			tv = tv.Add(time.Duration(1 + rng.IntN(999_999)))
		}
		v.Set(reflect.ValueOf(tv))
		return v
	}
	switch t.Kind() {
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 1)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(rng.Uint64()) >> (64 - t.Bits()))
		if rng.IntN(4) == 0 {
			v.SetInt([]int64{0, -1, 1, math.MinInt64 >> (64 - t.Bits()), math.MaxInt64 >> (64 - t.Bits())}[rng.IntN(5)])
		}
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(rng.Uint64() >> (64 - t.Bits()))
	case reflect.Int:
		n := rng.Int64N(1<<54) - 1<<53
		if rng.IntN(20) == 0 {
			n = math.MaxInt64 - rng.Int64N(1000)
		}
		v.SetInt(n)
	case reflect.Uint:
		n := rng.Uint64N(1 << 53)
		if rng.IntN(20) == 0 {
			n = math.MaxUint64 - rng.Uint64N(1000)
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		specials := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat32, math.SmallestNonzeroFloat64}
		f := (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(40)-20))
		if rng.IntN(5) == 0 {
			f = specials[rng.IntN(len(specials))]
		}
		if t.Kind() == reflect.Float32 {
			f = float64(float32(f))
		}
		v.SetFloat(f)
	case reflect.String:
		v.SetString(randomString(rng))
	case reflect.Slice:
		if rng.IntN(6) == 0 || depth > 3 {
			return v // nil
		}
		n := rng.IntN(5)
		s := reflect.MakeSlice(t, n, n)
		for i := range n {
			s.Index(i).Set(randomValue(rng, t.Elem(), depth+1))
		}
		v.Set(s)
	case reflect.Map:
		if rng.IntN(6) == 0 || depth > 3 {
			return v
		}
		m := reflect.MakeMap(t)
		for range rng.IntN(4) {
			k := reflect.New(t.Key()).Elem()
			k.SetString(randomString(rng))
			m.SetMapIndex(k, randomValue(rng, t.Elem(), depth+1))
		}
		v.Set(m)
	case reflect.Pointer:
		if rng.IntN(3) == 0 || depth > 3 {
			return v
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(randomValue(rng, t.Elem(), depth+1))
		v.Set(p)
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				v.Field(i).Set(randomValue(rng, t.Field(i).Type, depth+1))
			}
		}
	}
	return v
}

// randomString mixes ASCII, multi-byte and astral characters, NUL and
// bytes that are not UTF-8: Go strings are bytes, and cross as bytes.
func randomString(rng *rand.Rand) string {
	pieces := []string{"a", "Z", " ", "\x00", "é", "€", "\U0001F600", "\xff", "\xc3", "__proto__", "\n"}
	var b strings.Builder
	for range rng.IntN(12) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}
