package conformance

import (
	"math"
	"strings"

	"github.com/gowasm/gowasm/e2e/internal/jsvalue"
)

var negZero = math.Copysign(0, -1)

func sampleShape() Shape {
	return Shape{
		Name:     "square \U0001F7E5",
		Points:   []Point{{0, 0}, {2, 0}, {2, 2}, {0, 2}},
		Tags:     map[string]string{"color": "red", "__proto__": "kept", "": "empty key"},
		ID:       math.MinInt64 + 1,
		Data:     []byte{0, 1, 254, 255},
		Visible:  true,
		Groups:   map[string][]Point{"diagonal": {{0, 0}, {2, 2}}, "none": {}},
		Nested:   []map[string]int32{{"a": math.MaxInt32}, {}},
		Weight:   float32(math.Pi),
		Unsigned: math.MaxUint64 - 1,
		Untagged: "no tag",
	}
}

// okCases run natively and in JavaScript and must agree exactly.
func okCases() []testCase {
	c := func(fn string, native any, args ...any) testCase { return testCase{fn: fn, native: native, args: args} }
	bytes255 := make([]byte, 255)
	for i := range bytes255 {
		bytes255[i] = byte(i)
	}
	return []testCase{
		c("xor", Xor, true, false), c("xor", Xor, true, true),
		c("mul8", Mul8, math.MinInt8, math.MaxUint8), c("mul8", Mul8, math.MaxInt8, 0),
		c("mul16", Mul16, math.MinInt16, math.MaxUint16),
		c("add", Add, 2, 3), c("add", Add, math.MaxInt32, 1), c("add", Add, math.MinInt32, -1),
		c("addU32", AddU32, uint32(math.MaxUint32), 2), c("addU32", AddU32, 1<<31, 0),
		c("neg8", Neg8, math.MinInt8), c("inc8", Inc8, math.MaxUint8),
		c("neg16", Neg16, math.MinInt16), c("inc16", Inc16, math.MaxUint16),
		c("sum", Sum, -(1<<53 - 1), 0), c("sum", Sum, -5, 7), c("sum", Sum, 1<<52, 1<<52),
		c("twice", Twice, 1<<52-1), c("twice", Twice, 0),
		c("neg64", Neg64, int64(math.MinInt64)), c("neg64", Neg64, int64(math.MaxInt64)),
		c("mix64", Mix64, int64(-1), uint64(math.MaxUint64)), c("mix64", Mix64, int64(math.MinInt64), uint64(0)),
		c("half32", Half32, float32(math.MaxFloat32)), c("half32", Half32, float32(math.SmallestNonzeroFloat32)),
		c("half32", Half32, float32(math.NaN())), c("half32", Half32, float32(math.Inf(1))),
		c("scale", Scale, float32(1.5), negZero), c("scale", Scale, float32(math.Inf(-1)), 0.0),
		c("hypot", Hypot, math.NaN(), 1.0), c("hypot", Hypot, math.Inf(1), math.NaN()), c("hypot", Hypot, 3.0, 4.0),
		c("reverse", Reverse, "héllo \U0001F600 \x00 end"), c("reverse", Reverse, ""),
		c("describe", Describe, "a\U0001F600\x00"), c("describe", Describe, strings.Repeat("\U0010FFFF", 1000)),
		c("concat", Concat, "\x00", "\U0001F600"), c("concat", Concat, "", ""),
		c("reverseBytes", ReverseBytes, []byte{}), c("reverseBytes", ReverseBytes, bytes255),
		c("nilBytes", NilBytes),
		c("incInt8s", IncInt8s, []int8{math.MinInt8, math.MaxInt8, 0}),
		c("incInt16s", IncInt16s, []int16{math.MinInt16, math.MaxInt16}),
		c("incUint16s", IncUint16s, []uint16{math.MaxUint16, 0}),
		c("incInt32s", IncInt32s, []int32{math.MinInt32, math.MaxInt32}),
		c("incUint32s", IncUint32s, []uint32{math.MaxUint32}),
		c("incInt64s", IncInt64s, []int64{math.MaxInt64, math.MinInt64}),
		c("incUint64s", IncUint64s, []uint64{math.MaxUint64, 1 << 63}),
		c("halveFloat32s", HalveFloat32s, []float32{float32(math.NaN()), float32(math.Inf(-1)), float32(negZero), 3}),
		c("sumFloat64s", SumFloat64s, []float64{}), c("sumFloat64s", SumFloat64s, []float64{math.Inf(1), math.Inf(-1)}),
		c("sumFloat64s", SumFloat64s, []float64{0.1, 0.2, 1e308, 1e308}),
		c("negateFloat64s", NegateFloat64s, []float64{0, math.NaN(), math.Inf(-1), math.MaxFloat64}),
		c("centroid", Centroid, sampleShape()), c("centroid", Centroid, Shape{}),
		c("translate", Translate, sampleShape(), 1.5, negZero), c("translate", Translate, Shape{}, 0.0, 0.0),
		c("words", Words, " a  b\U0001F600 c\t"), c("words", Words, ""),
		c("join", Join, []string{}, ","), c("join", Join, []string{"a", "", "\U0001F600"}, "\x00"),
		c("histogram", Histogram, []string{"to", "be", "or", "not", "to", "be"}), c("histogram", Histogram, []string{}),
		c("flags", Flags, []bool{true, false, false}),
		c("quadrants", Quadrants, []Point{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}, {0, 0}}),
		c("depth", Depth, Tree{Value: 1, Children: []Tree{{Value: 2}, {Value: 3, Children: []Tree{{Value: math.MaxInt32}}}}}),
		c("divide", Divide, 1.0, 0.0), c("divide", Divide, 1.0, 4.0), c("divide", Divide, negZero, math.Inf(1)),
		c("validate", Validate, ""), c("validate", Validate, "ok"),
		c("explode", Explode, "boom \U0001F4A5"), c("add", Add, 20, 22),
		c("at", At, []int32{1}, 5), c("at", At, []int32{1, 2}, 1),
		c("big", Big, uint8(60)), c("big", Big, uint8(52)),
		c("slowDouble", SlowDouble, int64(21), int32(3), callback("progress")),
		c("slowDouble", SlowDouble, int64(math.MinInt64), int32(0), callback("progress")),
		c("asyncWords", AsyncWords, sampleShape()), c("asyncWords", AsyncWords, Shape{}),
		c("asyncPanic", AsyncPanic, "async boom"), c("add", Add, 1, 1),
		c("shadow", Shadow, 7, "enc"), c("alloc", Alloc, 21), c("new", New, 41),
		c("echoOdd", EchoOdd, Odd{Proto: "own", Plain: "plain"}),
		c("badError", BadError), c("badWords", BadWords), c("add", Add, 3, 4),
	}
}

// badCases pass JavaScript values that do not fit the Go parameter. Each
// must fail with the given class and a message naming the function and
// parameter; runAll follows each with a good call that must still work.
func badCases() []testCase {
	num := func(f float64) any { return jsvalue.Number(f) }
	big := func(s string) any { return map[string]any{"$big": s} }
	undef := map[string]any{"$undef": 1}
	b := func(fn string, native any, class, param string, args ...any) testCase {
		contains := qualified(fn) + `: parameter "` + param + `"`
		if strings.HasPrefix(param, "expects ") {
			contains = qualified(fn) + ": " + param
		}
		var tagged []any
		for _, a := range args {
			tagged = append(tagged, jsOnly{a})
		}
		return testCase{fn: fn, native: native, args: tagged, bad: true, wantClass: class, wantContains: contains}
	}
	// remote gives the message of a case in worker and pool modes, where
	// every export takes an options object last.
	remote := func(c testCase, contains string) testCase {
		c.remoteContains = qualified(c.fn) + ": " + contains
		return c
	}
	shapeWith := func(edit func(map[string]any)) any {
		s, err := jsvalue.Tag(reflectValue(sampleShape()))
		if err != nil {
			panic(err)
		}
		edit(s.(map[string]any))
		return s
	}
	return []testCase{
		b("xor", Xor, "TypeError", "a", num(1), true),
		b("mul8", Mul8, "RangeError", "a", num(128), num(0)),
		b("mul8", Mul8, "RangeError", "a", num(1.5), num(0)),
		b("mul8", Mul8, "TypeError", "a", "1", num(0)),
		b("mul8", Mul8, "RangeError", "b", num(0), num(-1)),
		b("mul16", Mul16, "RangeError", "a", num(40000), num(0)),
		b("mul16", Mul16, "RangeError", "b", num(0), num(65536)),
		b("add", Add, "RangeError", "a", num(1<<31), num(0)),
		b("add", Add, "RangeError", "a", num(math.NaN()), num(0)),
		b("add", Add, "TypeError", "a", big("1"), num(0)),
		b("add", Add, "TypeError", "b", num(0), undef),
		b("add", Add, "TypeError", "expects 2", num(1)),
		remote(b("add", Add, "TypeError", "expects 2 arguments", num(1), num(2), num(3)), "the last argument must be an options object such as { signal }, got 3"),
		b("addU32", AddU32, "RangeError", "a", num(-1), num(0)),
		b("sum", Sum, "RangeError", "a", num(1<<53), num(0)),
		b("sum", Sum, "RangeError", "a", num(0.5), num(0)),
		b("sum", Sum, "RangeError", "b", num(0), num(-1)),
		b("neg64", Neg64, "TypeError", "v", num(1)),
		b("neg64", Neg64, "RangeError", "v", big("9223372036854775808")),
		b("mix64", Mix64, "RangeError", "b", big("0"), big("-1")),
		b("half32", Half32, "RangeError", "v", num(1e39)),
		b("half32", Half32, "TypeError", "v", "x"),
		b("hypot", Hypot, "TypeError", "a", nil, num(1)),
		b("reverse", Reverse, "TypeError", "s", num(5)),
		b("reverse", Reverse, "TypeError", "s", map[string]any{"$lone": "ab"}),
		b("reverseBytes", ReverseBytes, "TypeError", "b", []any{num(1), num(2)}),
		b("reverseBytes", ReverseBytes, "TypeError", "b", map[string]any{"$ta": "Int8Array", "$hex": ""}),
		b("reverseBytes", ReverseBytes, "TypeError", "b", map[string]any{"$detached": "Uint8Array"}),
		b("incInt64s", IncInt64s, "TypeError", "v", map[string]any{"$ta": "Int32Array", "$hex": ""}),
		b("sumFloat64s", SumFloat64s, "TypeError", "v", map[string]any{"$detached": "Float64Array"}),
		b("centroid", Centroid, "TypeError", "s", nil),
		b("centroid", Centroid, "TypeError", "s.points", map[string]any{"name": "x"}),
		b("centroid", Centroid, "TypeError", "s.points[1].y", shapeWith(func(s map[string]any) {
			s["points"].([]any)[1].(map[string]any)["y"] = "2"
		})),
		b("translate", Translate, "TypeError", `s.tags["color"]`, shapeWith(func(s map[string]any) {
			s["tags"].(map[string]any)["color"] = num(1)
		}), num(0), num(0)),
		b("translate", Translate, "TypeError", "s.data", shapeWith(func(s map[string]any) {
			s["data"] = []any{}
		}), num(0), num(0)),
		b("translate", Translate, "RangeError", "s.id", shapeWith(func(s map[string]any) {
			s["id"] = big("-9223372036854775809")
		}), num(0), num(0)),
		b("join", Join, "TypeError", "parts", "a,b", ","),
		b("histogram", Histogram, "TypeError", "words[1]", []any{"a", num(1)}),
		b("slowDouble", SlowDouble, "TypeError", "v", num(1), num(1), map[string]any{"$callback": "progress"}),
		b("slowDouble", SlowDouble, "TypeError", "progress", big("1"), num(1), "not a function"),
		b("slowDouble", SlowDouble, "TypeError", "expects 3", big("1")),
	}
}
