package bind

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// TypeScript renders the declarations of the binding module.
func TypeScript(pkg *Package) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) {
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	p("// %s", header)
	p("")
	// Aliased, so that no Go struct name can shadow them.
	p("import type { Binding as $Binding, CallOptions as $CallOptions } from '@gowasm/bridge';")
	for _, e := range pkg.Enums {
		var props []string
		for _, v := range e.Values {
			if v.JSName != "" {
				var doc bytes.Buffer
				writeDoc(&doc, "  ", v.Doc)
				props = append(props, fmt.Sprintf("%s  readonly %s: %s;\n", doc.String(), v.JSName, enumLiteral(e, v.Value)))
			}
		}
		p("")
		writeDoc(&b, "", e.Doc)
		p("export type %s = %s;", e.Name, strings.Join(enumLiterals(e), " | "))
		if len(props) > 0 {
			writeDoc(&b, "", e.Doc)
			p("export declare const %s: {\n%s};", e.Name, strings.Join(props, ""))
		}
	}
	for _, s := range pkg.Structs {
		p("")
		writeDoc(&b, "", s.Doc)
		p("export interface %s {", s.Name)
		for _, f := range s.Fields {
			writeDoc(&b, "  ", f.Doc)
			optional := ""
			if f.Optional {
				optional = "?"
			}
			p("  %s%s: %s;", tsProperty(f.JSName), optional, tsType(f.Type, false))
		}
		p("}")
	}
	p("")
	p("/** The exports of Go package %s (%s). */", pkg.Name, pkg.Path)
	p("export interface %s {", APIName(pkg))
	for i, f := range pkg.Funcs {
		if i > 0 {
			p("")
		}
		writeDoc(&b, "  ", f.Doc)
		p("  %s;", tsSignature(f))
	}
	p("}")
	p("")
	p("declare const binding: $Binding<%s>;", APIName(pkg))
	p("export default binding;")
	return b.Bytes()
}

// tsSignature is f's method signature in the API interface.
func tsSignature(f *Func) string {
	var params []string
	for _, prm := range f.Params {
		params = append(params, fmt.Sprintf("%s: %s", jsIdent(prm.Name), tsParam(prm)))
	}
	result := "void"
	if f.Result != nil {
		result = tsType(f.Result, false)
	}
	if f.Async {
		params = append(params, "options?: $CallOptions")
		result = "Promise<" + result + ">"
	}
	return fmt.Sprintf("%s(%s): %s", tsMethod(f.JSName), strings.Join(params, ", "), result)
}

// APIName is the TypeScript interface of a package's exports: compute → ComputeAPI.
func APIName(pkg *Package) string {
	return strings.ToUpper(pkg.Name[:1]) + pkg.Name[1:] + "API"
}

func tsParam(p *Param) string {
	if p.IsReader {
		return "Blob"
	}
	if p.IsCallback {
		var params []string
		for _, cp := range p.Callback {
			params = append(params, fmt.Sprintf("%s: %s", jsIdent(cp.Name), tsType(cp.Type, false)))
		}
		return "(" + strings.Join(params, ", ") + ") => void"
	}
	return tsType(p.Type, true)
}

// tsType is the TypeScript type of t; a top-level []byte parameter also
// takes a Uint8ClampedArray (canvas pixels).
func tsType(t *Type, param bool) string {
	switch t.Kind {
	case Numbers:
		if param && t.Elem.Kind == Uint8 {
			return "Uint8Array | Uint8ClampedArray"
		}
		return t.Elem.facts().typedArray
	case Slice:
		if t.Elem.Kind == Pointer {
			return "(" + tsType(t.Elem, false) + ")[]"
		}
		return tsType(t.Elem, false) + "[]"
	case Map:
		return "{ [key: string]: " + tsType(t.Elem, false) + " }"
	case Struct:
		return t.Struct.Name
	case Enum:
		return t.Enum.Name
	case Pointer:
		return tsType(t.Elem, false) + " | null"
	case Tuple:
		var elems []string
		for _, e := range t.Elems {
			elems = append(elems, tsType(e, false))
		}
		return "[" + strings.Join(elems, ", ") + "]"
	}
	return t.facts().ts
}

// tsMethod quotes method names that TypeScript reads as keywords in an
// interface, e.g. new (a construct signature).
func tsMethod(name string) string {
	if jsReserved[name] {
		return jsString(name)
	}
	return name
}

func tsProperty(name string) string {
	for i, r := range name {
		ok := r == '_' || r == '$' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || (i > 0 && '0' <= r && r <= '9')
		if !ok {
			return jsString(name)
		}
	}
	if name == "" {
		return "''"
	}
	return name
}

// writeDoc writes a Go doc comment as JSDoc. A "Deprecated:" paragraph,
// Go's convention, becomes an @deprecated tag, which editors show struck
// through.
func writeDoc(b *bytes.Buffer, indent, doc string) {
	if doc == "" {
		return
	}
	var deprecated string
	paragraphs := strings.Split(doc, "\n\n")
	for i, para := range paragraphs {
		if rest, ok := strings.CutPrefix(para, "Deprecated: "); ok {
			deprecated = rest
			paragraphs = slices.Delete(paragraphs, i, i+1)
			break
		}
	}
	doc = strings.Join(paragraphs, "\n\n")
	if deprecated != "" {
		doc = strings.TrimSpace(doc + "\n\n@deprecated " + deprecated)
	}
	doc = strings.ReplaceAll(doc, "*/", "*\\/")
	fmt.Fprintf(b, "%s/**\n", indent)
	for _, line := range strings.Split(doc, "\n") {
		fmt.Fprintf(b, "%s%s\n", indent, strings.TrimRight(" * "+line, " "))
	}
	fmt.Fprintf(b, "%s */\n", indent)
}
