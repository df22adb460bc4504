package fuzz

import (
	"encoding/hex"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strconv"

	"github.com/gowasm/gowasm/e2e/internal/jsvalue"
)

// Gen makes random calls. Most are valid, many of those through hostile
// but faithful values (Proxies, accessors, other realms, TypedArrays that
// lie about themselves); the rest put a wrong value somewhere, or the
// wrong number of arguments. The model, not the generator, decides what
// each call must do.
type Gen struct {
	r *rand.Rand
	// Per call: how often a value is replaced by a wrong one, and how
	// often a value gets a hostile wrapper.
	wrong, hostile float64
}

// NewGen returns a generator whose calls are a function of seed.
func NewGen(seed uint64) *Gen {
	return &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Call is one generated call.
type Call struct {
	Fn   string   `json:"fn"`
	Args []*Value `json:"args"`
}

// Call makes a call of one of exports.
func (g *Gen) Call(exports []*Export) Call {
	e := exports[g.r.IntN(len(exports))]
	switch x := g.r.Float64(); {
	case x < 0.4: // plain valid values
		g.wrong, g.hostile = 0, 0
	case x < 0.8: // hostile but valid values
		g.wrong, g.hostile = 0, 0.25
	default: // something is wrong somewhere
		g.wrong, g.hostile = 0.08, 0.1
	}
	ft := reflect.TypeOf(e.Fn)
	first := 0
	if e.Async {
		first = 1
	}
	var args []*Value
	for i := first; i < ft.NumIn(); i++ {
		args = append(args, g.value(ft.In(i), 0, true))
	}
	if e.JSName == "echoTree" && g.chance(0.05) {
		args[0] = g.deepTree(100 + g.r.IntN(400))
	}
	if g.wrong > 0 && len(args) > 0 && g.chance(0.3) {
		i := g.r.IntN(len(args))
		args[i] = g.wrongValue(ft.In(first + i))
	}
	if g.chance(0.03) {
		switch {
		case len(args) > 0 && g.chance(0.5):
			args = args[:len(args)-1]
		default:
			args = append(args, g.pick(undef(), num(3), &Value{K: "obj"}, &Value{K: "arr"}))
		}
	}
	return Call{Fn: e.JSName, Args: args}
}

func (g *Gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *Gen) pick(vs ...*Value) *Value { return vs[g.r.IntN(len(vs))] }

func (g *Gen) oneOf(ss ...string) string { return ss[g.r.IntN(len(ss))] }

// value makes a value for type t: valid, unless the dice say otherwise.
func (g *Gen) value(t reflect.Type, depth int, top bool) *Value {
	if g.chance(g.wrong) {
		return g.wrongValue(t)
	}
	switch t {
	case durationType:
		return g.duration()
	case timeType:
		return g.date()
	}
	if values, ok := enums[t]; ok {
		return enumValue(values[g.r.IntN(len(values))])
	}
	switch t.Kind() {
	case reflect.Pointer:
		if depth > 3 || g.chance(0.25) {
			return &Value{K: "null"}
		}
		return g.value(t.Elem(), depth+1, false)
	case reflect.Bool:
		return boolean(g.chance(0.5))
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Int, reflect.Uint:
		lo, hi := intRange(t.Kind())
		return num(g.integer(lo, hi))
	case reflect.Int64:
		return bigint(g.bigInt(new(big.Int).Lsh(big.NewInt(-1), 63), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 63), big.NewInt(1))))
	case reflect.Uint64:
		return bigint(g.bigInt(big.NewInt(0), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 64), big.NewInt(1))))
	case reflect.Float32:
		return num(float64(g.float32()))
	case reflect.Float64:
		return num(g.float64())
	case reflect.String:
		return g.str(depth)
	case reflect.Func:
		return &Value{K: "fn", Reenter: g.chance(g.hostile / 2)}
	case reflect.Interface: // wasmbridge.Reader
		b := make([]byte, g.r.IntN(64))
		if g.chance(0.05) {
			b = make([]byte, 1<<20+g.r.IntN(1<<21)) // past the 1 MiB chunks it is read in
		}
		for i := range b {
			b[i] = byte(g.r.Uint32())
		}
		v := &Value{K: "blob", Hex: hex.EncodeToString(b)}
		if g.chance(g.hostile) {
			return wrap("realm", v)
		}
		return v
	case reflect.Slice:
		if _, numeric := jsvalue.TypedArrays[t.Elem().Kind()]; numeric {
			return g.typedArray(t.Elem(), top)
		}
		n := g.length(depth)
		items := make([]*Value, n)
		for i := range items {
			items[i] = g.slot(g.value(t.Elem(), depth+1, false), true)
		}
		return g.hostileWrap(&Value{K: "arr", Items: items})
	case reflect.Map:
		o := &Value{K: "obj", Proto: g.oneOf("", "", "null")}
		seen := map[string]bool{}
		for range g.length(depth) {
			k := g.key()
			if seen[k] {
				continue
			}
			seen[k] = true
			o.Keys = append(o.Keys, str(k))
			o.Vals = append(o.Vals, g.slot(g.value(t.Elem(), depth+1, false), false))
		}
		return g.hostileWrap(o)
	case reflect.Struct:
		o := &Value{K: "obj"}
		if g.chance(g.hostile) {
			o.Proto = g.oneOf("null", "class")
		}
		for _, p := range jsvalue.Properties(t) {
			ft := t.FieldByIndex(p.Index).Type
			var v *Value
			switch {
			case p.OmitEmpty && g.chance(0.15):
				continue // absent: Go's zero value
			case p.OmitEmpty && g.chance(0.15):
				v = undef() // the same
			case ft.Kind() == reflect.Slice && ft.Elem() == t && depth > 3:
				v = &Value{K: "arr"} // deep trees stop growing: past depth 3, children are empty
			default:
				v = g.value(ft, depth+1, false)
			}
			o.Keys = append(o.Keys, str(p.Name))
			o.Vals = append(o.Vals, g.slot(v, false))
		}
		if g.chance(g.hostile) { // extra properties are ignored
			o.Keys = append(o.Keys, str("extra"+strconv.Itoa(g.r.IntN(9))))
			o.Vals = append(o.Vals, g.anyValue(depth+1))
		}
		if g.chance(g.hostile) { // properties in another order
			g.r.Shuffle(len(o.Keys), func(i, j int) {
				o.Keys[i], o.Keys[j] = o.Keys[j], o.Keys[i]
				o.Vals[i], o.Vals[j] = o.Vals[j], o.Vals[i]
			})
		}
		return g.hostileWrap(o)
	}
	panic("fuzz: cannot generate " + t.String())
}

// duration is a number of milliseconds for a time.Duration: mostly
// whole nanoseconds, sometimes anything.
func (g *Gen) duration() *Value {
	switch g.r.IntN(5) {
	case 0, 1:
		return num(float64(g.r.Int64N(1<<52)-1<<51) / 1e6) // what Go would send
	case 2:
		return num(float64(g.r.Int64N(1<<44) - 1<<43)) // whole milliseconds, ±278 years
	case 3:
		return num(g.pickFloat(0, math.Copysign(0, -1), 1e-6, -1e-6, 0.5e-6, 1.5e-6, 9223372036854.775, 9223372036854.776))
	}
	return num(g.float64())
}

// date is a Date: mostly valid, at the edges of a Date's range too; now
// and then from another realm or with a getTime that lies.
func (g *Gen) date() *Value {
	var ms float64
	switch g.r.IntN(4) {
	case 0:
		ms = g.pickFloat(0, math.Copysign(0, -1), -1, 8.64e15, -8.64e15, 8.64e15+1, -62135596800000, 1.5, -0.5, math.NaN())
	case 1:
		ms = g.float64()
	default:
		ms = math.Floor((g.r.Float64()*2 - 1) * 8.64e15)
	}
	v := &Value{K: "date", N: num(ms).N}
	if g.chance(g.hostile) {
		v.Lie = "subclass"
	}
	if g.chance(g.hostile) {
		return wrap("realm", v)
	}
	return v
}

// enumValue is the JavaScript value of a constant of an enum type.
func enumValue(c any) *Value {
	v := reflect.ValueOf(c)
	switch v.Kind() {
	case reflect.String:
		return str(v.String())
	case reflect.Int64:
		return bigint(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint64:
		return bigint(strconv.FormatUint(v.Uint(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return num(float64(v.Uint()))
	}
	return num(float64(v.Int()))
}

// deepTree is a Tree nested depth levels deep. (Deeper than the
// fuzzer's own recursive builder allows, conformance's deepTree scenario
// checks that the bridge refuses it by name.)
func (g *Gen) deepTree(depth int) *Value {
	v := &Value{K: "obj", Keys: []*Value{str("value"), str("children")}, Vals: []*Value{num(1), {K: "arr"}}}
	for range depth {
		v = &Value{K: "obj", Keys: []*Value{str("value"), str("children")}, Vals: []*Value{num(float64(g.r.IntN(100))), {K: "arr", Items: []*Value{v}}}}
	}
	return v
}

// length is an array or map size: mostly small, now and then long enough
// to outgrow a writer's first buffer many times over.
func (g *Gen) length(depth int) int {
	switch {
	case depth < 2 && g.chance(0.05):
		return 100 + g.r.IntN(300)
	case g.chance(0.2):
		return 0
	}
	return 1 + g.r.IntN(5)
}

// slot may turn a value into an accessor whose first read is the value.
func (g *Gen) slot(v *Value, inArray bool) *Value {
	if !g.chance(g.hostile / 2) {
		return v
	}
	s := &Value{K: "get", V: v, Then: g.anyValue(3), Reenter: g.chance(0.2)}
	s.Push = inArray && g.chance(0.2)
	return s
}

// hostileWrap may wrap an array or object in a faithful Proxy, build it in
// another realm, or make an array's length lie after its first answer.
func (g *Gen) hostileWrap(v *Value) *Value {
	if !g.chance(g.hostile) {
		return v
	}
	switch x := g.r.IntN(3); {
	case x == 0:
		return wrap("proxy", v)
	case x == 1 && (v.K != "obj" || v.Proto != "class"):
		return wrap("realm", v)
	case v.K == "arr":
		return &Value{K: "length-lie", V: v, Len: g.r.IntN(1 << 20)}
	}
	return wrap("proxy", wrap("realm", v))
}

// integer is a number in [lo, hi], likely one at an edge.
func (g *Gen) integer(lo, hi float64) float64 {
	switch g.r.IntN(6) {
	case 0:
		return g.pickFloat(lo, hi, 0, math.Copysign(0, -1), 1)
	case 1:
		return g.pickFloat(lo+1, hi-1, math.Max(lo, -1))
	default:
		return math.Floor(lo + g.r.Float64()*(hi-lo+1))
	}
}

func (g *Gen) pickFloat(fs ...float64) float64 { return fs[g.r.IntN(len(fs))] }

func (g *Gen) bigInt(lo, hi *big.Int) string {
	switch g.r.IntN(5) {
	case 0:
		return lo.String()
	case 1:
		return hi.String()
	case 2:
		return strconv.Itoa(g.r.IntN(100) - 50)
	}
	span := new(big.Int).Sub(hi, lo)
	random := new(big.Int).SetUint64(g.r.Uint64())
	random.Lsh(random, 64).Or(random, new(big.Int).SetUint64(g.r.Uint64()))
	n := random.Mod(random, span.Add(span, big.NewInt(1)))
	return n.Add(n, lo).String()
}

func (g *Gen) float64() float64 {
	switch g.r.IntN(4) {
	case 0:
		nan := math.Float64frombits(0x7ff8000000000000 | g.r.Uint64()&0x0007ffffffffffff)
		return g.pickFloat(0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), nan, math.MaxFloat64,
			math.SmallestNonzeroFloat64, -math.MaxFloat64, 1<<53, 1<<53+2, 0.1, -1e-310, math.MaxFloat32)
	case 1:
		return math.Float64frombits(g.r.Uint64())
	case 2:
		return float64(float32(g.r.NormFloat64() * 1e6))
	}
	return g.r.NormFloat64() * math.Pow(10, float64(g.r.IntN(40)-20))
}

// float32 is a number a float32 holds exactly (the bridge rounds others).
func (g *Gen) float32() float32 {
	if g.chance(0.3) {
		return math.Float32frombits(g.r.Uint32())
	}
	return float32(g.float64())
}

var pieces = []string{"a", "Z", "0", " ", "\x00", "\uFEFF", "é", "€", "😀", "\u2028", `"`, `\`, "'", "\n", "𝄞", "ﬀ", "\u0301", "$num", "__proto__"}

// str is a well-formed string: short, with characters of every UTF-8
// length and a byte order mark among them; now and then a long one.
func (g *Gen) str(depth int) *Value {
	var s string
	for range g.r.IntN(8) {
		s += pieces[g.r.IntN(len(pieces))]
	}
	if depth < 2 && g.chance(0.03) && s != "" {
		return &Value{K: "str", S: s, Rep: 2 + g.r.IntN(1<<15)}
	}
	return str(s)
}

// key is a map key: some are array indices (Object.keys puts them first),
// some look like tags or set a prototype.
func (g *Gen) key() string {
	if g.chance(0.4) {
		return g.oneOf("0", "1", "10", "4294967294", "__proto__", "$num", "$$x", "constructor", "", "\uFEFF", "toString")
	}
	s, _ := g.str(9).text()
	return s
}

// typedArray is a TypedArray of element type t with random bytes; hostile
// ones sit at an offset in a shared or resizable buffer, lie about their
// length, or come from another realm.
func (g *Gen) typedArray(t reflect.Type, top bool) *Value {
	size := int(t.Size())
	n := g.r.IntN(24)
	if g.chance(0.03) {
		n = 1 << (10 + g.r.IntN(7))
	}
	b := make([]byte, n*size)
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	kind := jsvalue.TypedArrays[t.Kind()]
	if top && kind == "Uint8Array" && g.chance(0.2) {
		kind = "Uint8ClampedArray"
	}
	v := typedArray(kind, b)
	if g.chance(g.hostile) {
		v.Off = size * g.r.IntN(4)
		v.Buf = g.oneOf("", "shared", "resizable")
		v.Lie = g.oneOf("", "own", "subclass")
	}
	if g.chance(g.hostile / 2) {
		return wrap("realm", v)
	}
	return v
}

// anyValue is a value of any kind, mostly small.
func (g *Gen) anyValue(depth int) *Value {
	switch g.r.IntN(14) {
	case 0:
		return undef()
	case 1:
		return &Value{K: "null"}
	case 2:
		return boolean(g.chance(0.5))
	case 3:
		return num(g.float64())
	case 4:
		return bigint(strconv.Itoa(g.r.IntN(1000) - 500))
	case 5:
		return g.str(depth)
	case 6:
		return &Value{K: "str16", Units: []uint16{'a', uint16(0xD800 + g.r.IntN(0x800)), 'b'}}
	case 7:
		return &Value{K: "sym"}
	case 8:
		return &Value{K: "fn"}
	case 9:
		return wrap("boxed", g.pick(num(1), str("s"), boolean(true)))
	case 10:
		if depth < 3 {
			return &Value{K: "arr", Items: []*Value{g.anyValue(depth + 1)}}
		}
		return &Value{K: "arr"}
	case 11:
		if depth < 3 {
			return &Value{K: "obj", Keys: []*Value{str("x")}, Vals: []*Value{g.anyValue(depth + 1)}}
		}
		return &Value{K: "obj"}
	case 12:
		return typedArray(g.oneOf("Uint8Array", "Float64Array", "Int32Array", "BigInt64Array"), make([]byte, 8))
	}
	return &Value{K: "revoked"}
}

// wrongValue is a value that does not fit t, most of the time: a near
// miss for its kind, or anything at all.
func (g *Gen) wrongValue(t reflect.Type) *Value {
	if g.chance(0.4) {
		return g.anyValue(1)
	}
	switch t {
	case durationType:
		return g.pick(num(1e-7), num(math.NaN()), num(math.Inf(1)), num(1e300), num(-9223372036854.777), bigint("1"), str("1"))
	case timeType:
		return g.pick(&Value{K: "date", N: num(math.NaN()).N}, num(0), str("2024-02-29"), &Value{K: "fake-date"},
			wrap("proxy", &Value{K: "date", N: num(0).N}), &Value{K: "obj", Keys: []*Value{str("getTime")}, Vals: []*Value{&Value{K: "fn"}}})
	}
	if _, ok := enums[t]; ok {
		return g.pick(str("nope"), str("LIGHT"), str(""), num(1.5), num(7), num(-300.5), bigint("7"), bigint("-1"), wrap("boxed", str("light")))
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.pick(undef(), g.wrongValue(t.Elem()))
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Int, reflect.Uint:
		lo, hi := intRange(t.Kind())
		return g.pick(num(lo-1), num(hi+1), num(0.5), num(math.NaN()), num(math.Inf(-1)), bigint("1"), str("1"), num(hi+0.5))
	case reflect.Int64, reflect.Uint64:
		return g.pick(num(1), bigint("18446744073709551616"), bigint("-9223372036854775809"), bigint("-1"), str("1"))
	case reflect.Float32:
		return g.pick(num(1e39), num(-3.5e38), bigint("1"), str("1.5"))
	case reflect.Float64:
		return g.pick(bigint("1"), str("1"), wrap("boxed", num(1)), undef())
	case reflect.String:
		return g.pick(&Value{K: "str16", Units: []uint16{0xDC00}}, &Value{K: "str16", Units: []uint16{'x', 0xD83D}}, num(1), wrap("boxed", str("s")))
	case reflect.Func:
		return g.pick(str("f"), &Value{K: "obj"}, undef())
	case reflect.Interface: // wasmbridge.Reader
		return g.pick(typedArray("Uint8Array", []byte{1}), &Value{K: "obj", Keys: []*Value{str("size")}, Vals: []*Value{num(1)}},
			str("blob"), undef())
	case reflect.Slice:
		if _, numeric := jsvalue.TypedArrays[t.Elem().Kind()]; numeric {
			other := g.oneOf("Uint8Array", "Int8Array", "Uint16Array", "Float32Array", "BigUint64Array", "Uint8ClampedArray")
			ta := typedArray(other, make([]byte, 8))
			return g.pick(ta, wrap("proxy", typedArray(jsvalue.TypedArrays[t.Elem().Kind()], make([]byte, 8))),
				&Value{K: "fake-ta", TA: jsvalue.TypedArrays[t.Elem().Kind()]},
				&Value{K: "ta", TA: jsvalue.TypedArrays[t.Elem().Kind()], Lie: "detached", Hex: "0000000000000000"},
				&Value{K: "arr", Items: []*Value{num(1)}}, &Value{K: "revoked"})
		}
		return g.pick(&Value{K: "obj", Keys: []*Value{str("length")}, Vals: []*Value{num(1)}}, typedArray("Uint8Array", nil),
			&Value{K: "arr", Items: []*Value{{K: "hole"}}}, &Value{K: "revoked"}, str("abc"),
			&Value{K: "arr", Items: []*Value{{K: "get", V: num(1), Throw: true}}})
	case reflect.Map:
		return g.pick(&Value{K: "arr"}, &Value{K: "obj", Proto: "class"}, &Value{K: "obj", Proto: "map"}, &Value{K: "null"},
			&Value{K: "revoked"}, &Value{K: "obj", Keys: []*Value{{K: "str16", Units: []uint16{0xD800}}}, Vals: []*Value{g.anyValue(2)}})
	case reflect.Struct:
		return g.pick(&Value{K: "null"}, num(1), str("{}"), &Value{K: "revoked"}, &Value{K: "obj"},
			&Value{K: "obj", Keys: []*Value{str(firstField(t))}, Vals: []*Value{{K: "get", V: undef(), Throw: true}}})
	}
	return g.anyValue(1)
}

func firstField(t reflect.Type) string {
	if ps := jsvalue.Properties(t); len(ps) > 0 {
		return ps[0].Name
	}
	return ""
}
