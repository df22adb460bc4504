package bind

import (
	"bytes"
	"fmt"
	"go/constant"
	"slices"
	"strings"

	"github.com/gowasm/gowasm/wasmbridge"
)

// JS renders the binding module: its default export is what
// @gowasm/bridge's load() takes. It imports nothing; load() hands it the
// runtime, so the same file works in every bundler and in Node.
//
// create($rt, $remote) builds the API. Inline, sync exports take the fast
// path through their //go:wasmexport shims. Remote (worker and pool
// modes), every export checks and encodes its arguments on the calling
// thread and returns a Promise; async exports are the same in both.
func JS(pkg *Package) []byte {
	g := &jsGen{pkg: pkg}
	g.p("// %s", header)
	g.p("// Package %s (%s).", pkg.Name, pkg.Path)
	g.p("")
	for _, e := range pkg.Enums {
		g.enum(e)
	}
	g.p("export default {")
	g.p("  abi: %d,", wasmbridge.ABIVersion)
	g.p("  name: %s,", jsString(pkg.Name))
	g.p("  goPackage: %s,", jsString(pkg.Path))
	g.p("  create($rt, $remote) {")
	for _, s := range pkg.Structs {
		g.structCodec(s)
	}
	sync := false
	for _, f := range pkg.Funcs {
		if f.Async {
			g.p("    function %s(%s) {", asyncFunc(f), strings.Join(append(paramNames(f), "$options"), ", "))
			g.encodedExport(f, "      ")
			g.p("    }")
		} else {
			sync = true
		}
	}
	if sync {
		g.p("    if ($remote) return {")
		for _, f := range pkg.Funcs {
			g.method(f, true)
		}
		g.p("    };")
	}
	g.p("    return {")
	for _, f := range pkg.Funcs {
		g.method(f, false)
	}
	g.p("    };")
	g.p("  },")
	g.p("};")
	return g.buf.Bytes()
}

// asyncFunc names the function holding an async export, shared by the
// inline and remote forms of the API.
func asyncFunc(f *Func) string { return "$async_" + f.JSName }

// paramNames are the JavaScript parameters of f's methods: positional,
// so that no Go name can shadow a global the generated code uses
// (Number, Array, BigInt...) or collide with its locals. Go names appear
// only in strings (error messages) and in the .d.ts.
func paramNames(f *Func) []string {
	var names []string
	for i := range f.Params {
		names = append(names, fmt.Sprintf("$a%d", i))
	}
	return names
}

// method renders f as a method of the API object.
func (g *jsGen) method(f *Func, remote bool) {
	switch {
	case f.Async:
		g.p("      %s: %s,", f.JSName, asyncFunc(f))
	case remote:
		g.p("      %s(%s) {", f.JSName, strings.Join(append(paramNames(f), "$options"), ", "))
		g.encodedExport(f, "        ")
		g.p("      },")
	case f.HasShim():
		g.syncExport(f)
	default:
		g.invokedExport(f)
	}
}

type jsGen struct {
	pkg *Package
	buf bytes.Buffer
}

func (g *jsGen) p(format string, args ...any) {
	fmt.Fprintf(&g.buf, format, args...)
	g.buf.WriteByte('\n')
}

func (g *jsGen) lines(indent string, lines []string) {
	for _, l := range lines {
		g.p("%s%s", indent, l)
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\r", `\r`, "\u2028", `\u2028`, "\u2029", `\u2029`).Replace(s) + "'"
}

// syncExport renders the inline form of a sync export: every argument is
// checked (and composites encoded) before anything reaches Go, reading
// each value once; then strings, TypedArrays and encoded bytes are copied
// into Go memory, and the //go:wasmexport shim runs.
func (g *jsGen) syncExport(f *Func) {
	fn := jsString(f.Qualified(g.pkg))
	names := paramNames(f)
	g.p("      %s(%s) {", f.JSName, strings.Join(names, ", "))
	const in = "        "
	g.p("%sif (arguments.length !== %d) $rt.arity(%s, '%d', arguments.length);", in, len(f.Params), fn, len(f.Params))
	encoded := false
	for i, p := range f.Params {
		v, name := names[i], jsString(p.Name)
		switch t := p.Type; {
		case t.IsComposite():
			if !encoded {
				g.p("%sconst $w = $rt.acquire();", in)
				encoded = true
			}
			g.guarded(in, fn, name, encodeJS(t, v, name, fn, 0, true))
			g.p("%sconst $e%d = $w.n;", in, i)
		case t.Kind == Numbers:
			g.p("%sconst $v%d = %s, $l%d = $v%d.length;", in, i, viewJS(t, v, name, fn, true), i, i)
		default:
			g.p("%sif (%s) $rt.bad(%s, %s, %s, '%s');", in, badJS(t, v), fn, name, v, kindLabel(t))
		}
	}
	var args []string
	prevEnd := "0"
	for i, p := range f.Params {
		v := names[i]
		switch t := p.Type; {
		case t.IsScalar():
			args = append(args, v)
		case t.Kind == String:
			g.p("%sconst $p%d = $rt.putStr(%s, %s), $n%d = $rt.n;", in, i, v, fn, i)
			args = append(args, fmt.Sprintf("$p%d", i), fmt.Sprintf("$n%d", i))
		case t.Kind == Numbers:
			g.p("%sconst $p%d = $rt.putView($v%d, $l%d, %s, %s);", in, i, i, i, fn, jsString(p.Name))
			args = append(args, fmt.Sprintf("$p%d", i), elementCount(t, fmt.Sprintf("$l%d", i)))
		default:
			g.p("%sconst $p%d = $rt.putBytes($w.buf.subarray(%s, $e%d), %s), $n%d = $rt.n;", in, i, prevEnd, i, fn, i)
			prevEnd = fmt.Sprintf("$e%d", i)
			args = append(args, fmt.Sprintf("$p%d", i), fmt.Sprintf("$n%d", i))
		}
	}
	if encoded {
		g.p("%s$rt.release($w);", in)
	}
	// A throw out of Go is a trap, or the unwinding of an instance that a
	// nested call discarded: fault names it.
	call := fmt.Sprintf("$rt.x.%s(%s)", f.ExportName(), strings.Join(args, ", "))
	r := f.Result
	if r != nil && r.IsScalar() {
		g.p("%slet $r;", in)
		call = "$r = " + call
	}
	g.p("%stry {", in)
	g.p("%s  %s;", in, call)
	g.p("%s} catch ($e) {", in)
	g.p("%s  $rt.fault(%s, $e);", in, fn)
	g.p("%s}", in)
	g.p("%sif ($rt.f[%d] !== %d) $rt.settle(%s);", in, wasmbridge.FrameState, wasmbridge.StateOK, fn)
	switch {
	case r == nil:
	case r.Kind == Bool:
		g.p("%sreturn $r !== 0;", in)
	case r.Kind == Uint32:
		g.p("%sreturn $r >>> 0;", in)
	case r.Kind == Uint64:
		g.p("%sreturn BigInt.asUintN(64, $r);", in)
	case r.IsScalar():
		g.p("%sreturn $r;", in)
	case r.Kind == String:
		g.p("%sreturn $rt.str(%s);", in, fn)
	case r.Kind == Numbers:
		g.p("%sreturn $rt.nums(%s);", in, r.Elem.facts().typedArray)
	default:
		g.p("%sreturn $rt.decode(%s, ($r) => %s);", in, fn, decodeJS(r))
	}
	g.p("      },")
}

// invokedExport renders the inline form of a sync export without a shim
// (see Func.HasShim): its arguments are checked and encoded as for a
// worker, and its invoker runs on this thread.
func (g *jsGen) invokedExport(f *Func) {
	fn := jsString(f.Qualified(g.pkg))
	names := paramNames(f)
	const in = "        "
	g.p("      %s(%s) {", f.JSName, strings.Join(names, ", "))
	g.p("%sif (arguments.length !== %d) $rt.arity(%s, '%d', arguments.length);", in, len(f.Params), fn, len(f.Params))
	g.p("%sconst $w = $rt.acquire();", in)
	for i, p := range f.Params {
		g.encodeParam(in, fn, names[i], p)
	}
	decode := "() => undefined"
	if f.Result != nil {
		decode = "($r) => " + decodeJS(f.Result)
	}
	g.p("%sconst $r = $rt.invoke(%s, %d, $w.bytes(), %s);", in, fn, f.SyncIndex, decode)
	g.p("%s$rt.release($w);", in)
	g.p("%sreturn $r;", in)
	g.p("      },")
}

// encodeParam renders the statements that check parameter p, the
// JavaScript variable v, and append it to the writer $w.
func (g *jsGen) encodeParam(in, fn, v string, p *Param) {
	name := jsString(p.Name)
	if p.Type.IsScalar() {
		g.lines(in, encodeJS(p.Type, v, name, fn, 0, true))
		return
	}
	g.guarded(in, fn, name, encodeJS(p.Type, v, name, fn, 0, true))
}

// guarded renders the statements that check and encode a composite
// parameter, so that anything they throw besides their own checks' errors
// (a getter or Proxy trap that threw, a revoked Proxy, nesting deeper than
// the stack) is reported naming the function and the parameter.
func (g *jsGen) guarded(in, fn, name string, lines []string) {
	g.p("%stry {", in)
	g.lines(in+"  ", lines)
	g.p("%s} catch ($e) {", in)
	g.p("%s  $rt.reject(%s, %s, $e);", in, fn, name)
	g.p("%s}", in)
}

// elementCount is the JavaScript expression for the number of elements
// of a t whose byte length is bytes.
func elementCount(t *Type, bytes string) string {
	if size := t.Elem.MinWireSize(); size > 1 { // a TypedArray element's wire size is its byte size
		return fmt.Sprintf("%s / %d", bytes, size)
	}
	return bytes
}

// viewJS is the expression taking the bytes of TypedArray v of type t
// through $rt.view; a []byte parameter itself also takes a
// Uint8ClampedArray (canvas pixels), as tsType declares.
func viewJS(t *Type, v, path, fn string, param bool) string {
	if param && t.Elem.Kind == Uint8 {
		return fmt.Sprintf("$rt.view(%s, '%s', %s, %s, true)", v, t.Elem.facts().typedArray, fn, path)
	}
	return fmt.Sprintf("$rt.view(%s, '%s', %s, %s)", v, t.Elem.facts().typedArray, fn, path)
}

// encodedExport renders the body of an export called with encoded
// arguments: an async export, or a sync export in a worker. Argument
// errors reject the returned Promise rather than throw.
func (g *jsGen) encodedExport(f *Func, indent string) {
	fn := jsString(f.Qualified(g.pkg))
	names := paramNames(f)
	n := len(f.Params)
	in := indent + "  "
	g.p("%stry {", indent)
	g.p("%sif (arguments.length !== %d && arguments.length !== %d) $rt.arity(%s, '%d (and an optional options object)', arguments.length);", in, n, n+1, fn, n)
	g.p("%sconst $w = $rt.acquire();", in)
	var handles []string
	for i, p := range f.Params {
		v, name := names[i], jsString(p.Name)
		switch {
		case p.IsReader:
			g.p("%sconst $h%d = $rt.blob(%s, %s, %s);", in, i, v, fn, name)
			handles = append(handles, fmt.Sprintf("$h%d", i))
		case p.IsCallback:
			g.p("%sif (typeof %s !== 'function') $rt.bad(%s, %s, %s, 'function');", in, v, fn, name, v)
			var decoded []string
			for _, cp := range p.Callback {
				decoded = append(decoded, decodeJS(cp.Type))
			}
			handles = append(handles, fmt.Sprintf("($b) => %s(...$rt.args(%s, $b, ($r) => [%s]))", v, fn, strings.Join(decoded, ", ")))
		default:
			g.encodeParam(in, fn, v, p)
		}
	}
	decode := "() => undefined"
	if f.Result != nil {
		decode = "($r) => " + decodeJS(f.Result)
	}
	if f.Async {
		g.p("%sconst $call = $rt.callAsync(%s, %d, $w.bytes(), $options, %s, [%s]);", in, fn, f.AsyncIndex, decode, strings.Join(handles, ", "))
	} else {
		g.p("%sconst $call = $rt.callSync(%s, %d, $w.bytes(), $options, %s);", in, fn, f.SyncIndex, decode)
	}
	g.p("%s$rt.release($w);", in)
	g.p("%sreturn $call;", in)
	g.p("%s} catch ($err) {", indent)
	g.p("%s  return Promise.reject($rt.named(%s, $err));", indent, fn)
	g.p("%s}", indent)
}

// structCodec renders a struct's encoder and decoder. The encoder reads
// each field once, in order; $at names the field being read, so that a
// getter or Proxy trap that throws is reported at its path. An optional
// (omitempty) field is preceded by its presence, and undefined when
// absent.
func (g *jsGen) structCodec(s *StructType) {
	g.p("    function $encode%s($w, $v, $fn, $path) {", s.Ident)
	g.p("      let $at = '';")
	g.p("      try {")
	g.p("        if (typeof $v !== 'object' || $v === null) $rt.bad($fn, $path, $v, 'object');")
	for i, f := range s.Fields {
		v := fmt.Sprintf("$f%d", i)
		g.p("        $at = %s;", jsString("."+f.JSName))
		g.p("        const %s = $v[%s];", v, jsString(f.JSName))
		encode := encodeJS(f.Type, v, "$path + $at", "$fn", 0, false)
		if f.Optional {
			g.p("        if (%s === undefined) {", v)
			g.p("          $w.bool(false);")
			g.p("        } else {")
			g.p("          $w.bool(true);")
			g.lines("          ", encode)
			g.p("        }")
		} else {
			g.lines("        ", encode)
		}
	}
	g.p("      } catch ($e) {")
	g.p("        $rt.reject($fn, $path + $at, $e);")
	g.p("      }")
	g.p("    }")
	g.p("    function $decode%s($r) {", s.Ident)
	optional := slices.ContainsFunc(s.Fields, func(f Field) bool { return f.Optional })
	if !optional {
		var props []string
		for _, f := range s.Fields {
			// A computed key defines an own property even for "__proto__".
			props = append(props, fmt.Sprintf("[%s]: %s", jsString(f.JSName), decodeJS(f.Type)))
		}
		g.p("      return { %s };", strings.Join(props, ", "))
		g.p("    }")
		return
	}
	g.p("      const $o = {};")
	for _, f := range s.Fields {
		set := fmt.Sprintf("$o[%s] = %s;", jsString(f.JSName), decodeJS(f.Type))
		if f.JSName == "__proto__" { // an assignment would set the prototype
			set = fmt.Sprintf("Object.defineProperty($o, '__proto__', { value: %s, enumerable: true, writable: true, configurable: true });", decodeJS(f.Type))
		}
		if f.Optional {
			set = "if ($r.bool()) " + set
		}
		g.p("      %s", set)
	}
	g.p("      return $o;")
	g.p("    }")
}

// enum renders the frozen object of an enum type's exported constants,
// exported beside the binding, and the list and set of its values that
// checks use.
func (g *jsGen) enum(e *EnumType) {
	var props []string
	for _, v := range e.Values {
		if v.JSName != "" {
			props = append(props, fmt.Sprintf("%s: %s", v.JSName, enumLiteral(e, v.Value)))
		}
	}
	if len(props) > 0 {
		var b bytes.Buffer
		writeDoc(&b, "", e.Doc)
		g.buf.Write(b.Bytes())
		g.p("export const %s = Object.freeze({ %s });", e.Name, strings.Join(props, ", "))
	}
	g.p("const $values%s = Object.freeze([%s]);", e.Ident, strings.Join(enumLiterals(e), ", "))
	g.p("const $is%s = new Set($values%s);", e.Ident, e.Ident)
	g.p("")
}

// enumLiteral is the JavaScript (and TypeScript) literal of a value of e.
func enumLiteral(e *EnumType, v constant.Value) string {
	switch e.Under {
	case String:
		return jsString(constant.StringVal(v))
	case Int64, Uint64:
		return v.ExactString() + "n"
	}
	return v.ExactString()
}

// enumLiterals are the literals of e's distinct values.
func enumLiterals(e *EnumType) []string {
	var lits []string
	for _, v := range e.Distinct() {
		lits = append(lits, enumLiteral(e, v))
	}
	return lits
}

// encodeJS returns statements that check v against t and append it to
// the writer $w. path is a JavaScript expression naming v in errors; it is
// evaluated only when a check fails, except to recurse into structs and
// TypedArrays. Each value is read once: an array's length, each element,
// each of a map's keys and values, so that a Proxy or a getter that
// answers differently on a second read cannot make the count disagree
// with the elements. param says v is a parameter itself rather than a
// field or an element.
func encodeJS(t *Type, v, path, fn string, depth int, param bool) []string {
	switch t.Kind {
	case Slice:
		i, x, n := fmt.Sprintf("$i%d", depth), fmt.Sprintf("$x%d", depth), fmt.Sprintf("$len%d", depth)
		lines := []string{
			fmt.Sprintf("if (!Array.isArray(%s)) $rt.bad(%s, %s, %s, 'array');", v, fn, path, v),
			"{",
			fmt.Sprintf("  const %s = %s.length;", n, v),
			fmt.Sprintf("  if (%s >>> 0 !== %s) $rt.badLength(%s, %s, %s);", n, n, fn, path, n),
			fmt.Sprintf("  $w.len(%s);", n),
			fmt.Sprintf("  for (let %s = 0; %s < %s; %s++) {", i, i, n, i),
			fmt.Sprintf("    const %s = %s[%s];", x, v, i),
		}
		for _, l := range encodeJS(t.Elem, x, fmt.Sprintf("%s + '[' + %s + ']'", path, i), fn, depth+1, false) {
			lines = append(lines, "    "+l)
		}
		return append(lines, "  }", "}")
	case Map:
		i, k, x, keys := fmt.Sprintf("$i%d", depth), fmt.Sprintf("$k%d", depth), fmt.Sprintf("$x%d", depth), fmt.Sprintf("$keys%d", depth)
		lines := []string{
			fmt.Sprintf("if (!$rt.isRecord(%s)) $rt.bad(%s, %s, %s, 'record');", v, fn, path, v),
			"{",
			fmt.Sprintf("  const %s = Object.keys(%s);", keys, v),
			fmt.Sprintf("  $w.len(%s.length);", keys),
			fmt.Sprintf("  for (let %s = 0; %s < %s.length; %s++) {", i, i, keys, i),
			fmt.Sprintf("    const %s = %s[%s];", k, keys, i),
			fmt.Sprintf("    if (!%s.isWellFormed()) $rt.bad(%s, %s + '[' + JSON.stringify(%s) + ']', %s, 'key');", k, fn, path, k, k),
			fmt.Sprintf("    $w.str(%s);", k),
			fmt.Sprintf("    const %s = %s[%s];", x, v, k),
		}
		for _, l := range encodeJS(t.Elem, x, fmt.Sprintf("%s + '[' + JSON.stringify(%s) + ']'", path, k), fn, depth+1, false) {
			lines = append(lines, "    "+l)
		}
		return append(lines, "  }", "}")
	case Struct:
		return []string{fmt.Sprintf("$encode%s($w, %s, %s, %s);", t.Struct.Ident, v, fn, path)}
	case Enum:
		return []string{
			fmt.Sprintf("if (!$is%s.has(%s)) $rt.badEnum(%s, %s, %s, %s, $values%s);", t.Enum.Ident, v, fn, path, v, jsString(t.Enum.Name), t.Enum.Ident),
			fmt.Sprintf("$w.%s(%s);", t.Elem.facts().js, v),
		}
	case Pointer:
		lines := []string{
			fmt.Sprintf("if (%s === null) {", v),
			"  $w.bool(false);",
			"} else {",
			fmt.Sprintf("  if (%s === undefined) $rt.bad(%s, %s, %s, 'pointer');", v, fn, path, v),
			"  $w.bool(true);",
		}
		for _, l := range encodeJS(t.Elem, v, path, fn, depth+1, false) {
			lines = append(lines, "  "+l)
		}
		return append(lines, "}")
	case Time:
		return []string{fmt.Sprintf("$w.f64($rt.date(%s, %s, %s));", v, fn, path)}
	case Numbers:
		return []string{fmt.Sprintf("$w.nums(%s, %d);", viewJS(t, v, path, fn, param), t.Elem.MinWireSize())}
	default:
		return []string{
			fmt.Sprintf("if (%s) $rt.bad(%s, %s, %s, '%s');", badJS(t, v), fn, path, v, kindLabel(t)),
			fmt.Sprintf("$w.%s(%s);", t.facts().js, v),
		}
	}
}

// decodeJS is an expression reading a t from the reader $r.
func decodeJS(t *Type) string {
	switch t.Kind {
	case Numbers:
		return fmt.Sprintf("$r.nums(%s)", t.Elem.facts().typedArray)
	case Slice:
		return fmt.Sprintf("$r.array(($r) => %s)", decodeJS(t.Elem))
	case Map:
		return fmt.Sprintf("$r.record(($r) => %s)", decodeJS(t.Elem))
	case Struct:
		return fmt.Sprintf("$decode%s($r)", t.Struct.Ident)
	case Enum:
		return decodeJS(t.Elem)
	case Pointer:
		return fmt.Sprintf("($r.bool() ? %s : null)", decodeJS(t.Elem))
	case Tuple:
		var elems []string
		for _, e := range t.Elems {
			elems = append(elems, decodeJS(e))
		}
		return "[" + strings.Join(elems, ", ") + "]"
	case Time:
		return "new Date($r.f64())"
	default:
		return fmt.Sprintf("$r.%s()", t.facts().js)
	}
}
