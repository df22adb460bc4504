package bind

import (
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/packages"
)

// directive marks a function for export, on a line of its doc comment.
const directive = "//gowasm:export"

// Load type-checks the package matched by pattern (an import path or a
// directory, resolved in dir) and builds the model of its exports for
// target. Every problem is reported, each as "file:line:col: reason".
func Load(dir, pattern string, target Target) (*Package, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax |
			packages.NeedTypesInfo | packages.NeedFiles,
		Dir: dir,
	}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", pattern, err)
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("%s matches %d packages; bind one package at a time", pattern, len(pkgs))
	}
	p := pkgs[0]
	if len(p.Errors) > 0 {
		return nil, packageErrors(dir, pattern, p.Errors)
	}
	if p.Name == "main" {
		return nil, fmt.Errorf("%s is a main package; bind a library package", p.PkgPath)
	}
	a := &analyzer{
		fset:    p.Fset,
		dir:     dir,
		pkg:     &Package{Name: p.Name, Path: p.PkgPath, Dir: packageDir(p), Target: target},
		scope:   p.Types.Scope(),
		structs: map[*types.Named]*StructType{},
		enums:   map[*types.Named]*EnumType{},
		idents:  map[string]bool{},
		docs:    declDocs(p.Syntax),
	}
	for _, file := range p.Syntax {
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && hasDirective(fd.Doc) {
				a.function(fd, p.TypesInfo.Defs[fd.Name].(*types.Func))
			}
		}
	}
	a.checkNames()
	if len(a.errs) > 0 {
		return nil, errors.Join(a.errs...)
	}
	if len(a.pkg.Funcs) == 0 {
		return nil, fmt.Errorf("%s has no functions marked %s", p.PkgPath, directive)
	}
	return a.pkg, nil
}

// packageDir is the directory of a loaded package's files.
func packageDir(p *packages.Package) string {
	if len(p.GoFiles) > 0 {
		return filepath.Dir(p.GoFiles[0])
	}
	return ""
}

func hasDirective(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if strings.TrimSpace(c.Text) == directive {
			return true
		}
	}
	return false
}

type analyzer struct {
	fset    *token.FileSet
	dir     string
	pkg     *Package
	scope   *types.Scope
	structs map[*types.Named]*StructType
	enums   map[*types.Named]*EnumType
	idents  map[string]bool
	errs    []error
	async   int                  // async exports so far
	sync    int                  // sync exports so far
	docs    map[token.Pos]string // by the position of the declared name
	pos     map[*Func]token.Pos
}

// checkNames reports exports and structs whose JavaScript names collide
// with each other or with what JavaScript and TypeScript reserve.
func (a *analyzer) checkNames() {
	seen := map[string]*Func{}
	for _, f := range a.pkg.Funcs {
		if prev, ok := seen[f.JSName]; ok {
			a.errorf(a.pos[f], "%s: its JavaScript name %s is already taken by %s", f.GoName, f.JSName, prev.GoName)
		}
		seen[f.JSName] = f
		switch f.JSName {
		case "then":
			a.errorf(a.pos[f], "%s: an export named then would make the API object look like a Promise to await; rename it", f.GoName)
		case "close":
			a.errorf(a.pos[f], "%s: an export named close would hide the API's close(), which releases its Go instance and workers; rename it", f.GoName)
		}
	}
	declared := map[string]bool{}
	taken := func(name string, pos token.Pos, what string) {
		if name == APIName(a.pkg) || tsReservedTypes[name] || declared[name] {
			a.errorf(pos, "%s %s: its name is taken in the generated TypeScript (a built-in type, the package's API interface, or another type); rename it", what, name)
		}
		declared[name] = true
	}
	for _, s := range a.pkg.Structs {
		taken(s.Name, s.pos, "struct")
	}
	for _, e := range a.pkg.Enums {
		taken(e.Name, e.pos, "type")
	}
}

// tsReservedTypes are global TypeScript types a generated interface
// must not shadow: the declarations use them.
var tsReservedTypes = map[string]bool{
	"Promise": true, "Record": true, "Array": true, "Object": true, "String": true, "Number": true,
	"Boolean": true, "BigInt": true, "Symbol": true, "Map": true, "Set": true, "Error": true, "Function": true,
	"Int8Array": true, "Uint8Array": true, "Uint8ClampedArray": true, "Int16Array": true, "Uint16Array": true,
	"Int32Array": true, "Uint32Array": true, "BigInt64Array": true, "BigUint64Array": true,
	"Float32Array": true, "Float64Array": true, "AbortSignal": true,
}

// declDocs maps the position of each name declared in files (types,
// constants, struct fields) to its doc comment, or else its line comment.
func declDocs(files []*ast.File) map[token.Pos]string {
	docs := map[token.Pos]string{}
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GenDecl:
				for _, spec := range n.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						docs[spec.Name.Pos()] = docText(cmp.Or(spec.Doc, lone(n), spec.Comment))
					case *ast.ValueSpec:
						for _, name := range spec.Names {
							docs[name.Pos()] = docText(cmp.Or(spec.Doc, lone(n), spec.Comment))
						}
					}
				}
			case *ast.Field:
				doc := docText(cmp.Or(n.Doc, n.Comment))
				for _, name := range n.Names {
					docs[name.Pos()] = doc
				}
				if len(n.Names) == 0 { // embedded: the field is at its type
					docs[n.Type.Pos()] = doc
				}
			}
			return true
		})
	}
	return docs
}

// lone is the doc comment of a declaration with one spec, which documents
// that spec; nil otherwise.
func lone(d *ast.GenDecl) *ast.CommentGroup {
	if len(d.Specs) == 1 {
		return d.Doc
	}
	return nil
}

// errorf records a problem at pos, as file:line:col relative to dir.
func (a *analyzer) errorf(pos token.Pos, format string, args ...any) {
	p := a.fset.Position(pos)
	if rel, err := filepath.Rel(a.dir, p.Filename); err == nil && !strings.HasPrefix(rel, "..") {
		p.Filename = rel
	}
	a.errs = append(a.errs, fmt.Errorf("%s:%d:%d: %s", p.Filename, p.Line, p.Column, fmt.Sprintf(format, args...)))
}

func (a *analyzer) function(fd *ast.FuncDecl, fn *types.Func) {
	name := fd.Name.Name
	switch {
	case fd.Recv != nil:
		a.errorf(fd.Pos(), "%s: methods cannot be exported; export a function", name)
		return
	case !fd.Name.IsExported():
		a.errorf(fd.Name.Pos(), "%s: an exported function must have an exported (capitalised) name", name)
		return
	case fd.Type.TypeParams != nil:
		a.errorf(fd.Name.Pos(), "%s: generic functions cannot be exported", name)
		return
	}
	sig := fn.Signature()
	f := &Func{GoName: name, JSName: jsName(name), Doc: docText(fd.Doc)}
	if a.pos == nil {
		a.pos = map[*Func]token.Pos{}
	}
	a.pos[f] = fd.Name.Pos()
	params := sig.Params()
	start := 0
	if params.Len() > 0 && isContext(params.At(0).Type()) {
		f.Async = true
		start = 1
		if a.pkg.Target == TargetWASIP1 {
			a.errorf(fd.Name.Pos(), "%s: an async export (context.Context first) needs JavaScript's event loop, Promises and callbacks, which a wasip1 module has not; bind it for js, or drop the context to make it sync", name)
		}
	}
	if sig.Variadic() {
		a.errorf(fd.Name.Pos(), "%s: variadic functions cannot be exported; take a slice", name)
	}
	taken := map[string]bool{}
	for i := start; i < params.Len(); i++ {
		taken[params.At(i).Name()] = true
	}
	for i := start; i < params.Len(); i++ {
		v := params.At(i)
		p := &Param{Name: v.Name()}
		if p.Name == "" || p.Name == "_" {
			p.Name = fmt.Sprintf("arg%d", i-start)
			for taken[p.Name] {
				p.Name += "_"
			}
			taken[p.Name] = true
		}
		where := fmt.Sprintf("%s: parameter %q", name, p.Name)
		if isContext(v.Type()) {
			a.errorf(v.Pos(), "%s: context.Context must be the first parameter", where)
			continue
		}
		if isReader(v.Type()) {
			if !f.Async {
				a.errorf(v.Pos(), "%s: a wasmbridge.Reader is read as JavaScript delivers it, so it needs an async export: take context.Context first", where)
				continue
			}
			p.IsReader = true
		} else if sig, ok := v.Type().Underlying().(*types.Signature); ok {
			if !f.Async {
				a.errorf(v.Pos(), "%s: func parameters are callbacks and need an async export: take context.Context first", where)
				continue
			}
			p.IsCallback = true
			p.Callback = a.callback(v, sig, where)
		} else {
			p.Type = a.typeOf(v.Type(), v.Pos(), where)
		}
		f.Params = append(f.Params, p)
	}
	a.results(f, sig.Results(), fd)
	if f.Async {
		f.AsyncIndex = a.async
		a.async++
	} else {
		f.SyncIndex = a.sync
		a.sync++
	}
	a.pkg.Funcs = append(a.pkg.Funcs, f)
}

func (a *analyzer) callback(v *types.Var, sig *types.Signature, where string) []*Param {
	if sig.Results().Len() > 0 {
		a.errorf(v.Pos(), "%s: a callback cannot return results", where)
	}
	if sig.Variadic() {
		a.errorf(v.Pos(), "%s: a callback cannot be variadic", where)
	}
	var params []*Param
	taken := map[string]bool{}
	for i := range sig.Params().Len() {
		taken[sig.Params().At(i).Name()] = true
	}
	for i := range sig.Params().Len() {
		cv := sig.Params().At(i)
		name := cv.Name()
		if name == "" || name == "_" {
			name = fmt.Sprintf("arg%d", i)
			for taken[name] {
				name += "_"
			}
			taken[name] = true
		}
		t := a.typeOf(cv.Type(), v.Pos(), fmt.Sprintf("%s: callback parameter %q", where, name))
		params = append(params, &Param{Name: name, Type: t})
	}
	return params
}

func (a *analyzer) results(f *Func, res *types.Tuple, fd *ast.FuncDecl) {
	n := res.Len()
	if n > 0 && isError(res.At(n-1).Type()) {
		f.ReturnsError = true
		n--
	}
	var elems []*Type
	for i := range n {
		where := f.GoName + ": result"
		if n > 1 {
			where = fmt.Sprintf("%s: result %d", f.GoName, i+1)
		}
		if isError(res.At(i).Type()) {
			a.errorf(fd.Type.Results.Pos(), "%s: only the last result can be an error", where)
			continue
		}
		if t := a.typeOf(res.At(i).Type(), fd.Type.Results.Pos(), where); t != nil {
			elems = append(elems, t)
		}
	}
	switch {
	case len(elems) != n:
	case n == 1:
		f.Result = elems[0]
	case n > 1:
		f.Result = &Type{Kind: Tuple, Elems: elems}
	}
}

// typeOf maps t to a supported Type, or records why it is not supported.
func (a *analyzer) typeOf(t types.Type, pos token.Pos, where string) *Type {
	switch u := t.(type) {
	case *types.Alias:
		return a.typeOf(types.Unalias(u), pos, where)
	case *types.Basic:
		if k, ok := basicKinds[u.Kind()]; ok {
			return &Type{Kind: k, Go: t}
		}
	case *types.Slice:
		elem := types.Unalias(u.Elem())
		if b, ok := elem.(*types.Basic); ok {
			if k, ok := basicKinds[b.Kind()]; ok && kinds[k].typedArray != "" {
				return &Type{Kind: Numbers, Go: t, Elem: &Type{Kind: k, Go: elem}}
			}
		}
		if e := a.typeOf(elem, pos, where); e != nil {
			return &Type{Kind: Slice, Go: t, Elem: e}
		}
		return nil
	case *types.Pointer:
		e := a.typeOf(u.Elem(), pos, where)
		if e != nil && e.Kind == Pointer {
			a.errorf(pos, "%s: a pointer to a pointer has no JavaScript form (one null); use one pointer", where)
			return nil
		}
		if e != nil {
			return &Type{Kind: Pointer, Go: t, Elem: e}
		}
		return nil
	case *types.Map:
		if b, ok := types.Unalias(u.Key()).(*types.Basic); !ok || b.Kind() != types.String {
			a.errorf(pos, "%s: map keys must be string (JavaScript object keys), not %s", where, typeString(u.Key()))
			return nil
		}
		if e := a.typeOf(u.Elem(), pos, where); e != nil {
			return &Type{Kind: Map, Go: t, Elem: e}
		}
		return nil
	case *types.Named:
		switch {
		case isNamed(u, "time", "Duration"):
			return &Type{Kind: Duration, Go: t}
		case isNamed(u, "time", "Time"):
			return &Type{Kind: Time, Go: t}
		}
		switch under := u.Underlying().(type) {
		case *types.Struct:
			if s := a.structOf(u, pos, where); s != nil {
				return &Type{Kind: Struct, Go: t, Struct: s}
			}
			return nil
		case *types.Basic:
			if e := a.enumOf(u, under, pos, where); e != nil {
				return &Type{Kind: Enum, Go: t, Enum: e, Elem: &Type{Kind: basicKinds[under.Kind()], Go: under}}
			}
			return nil
		}
		a.errorf(pos, "%s: named type %s is not supported; use its underlying type %s", where, typeString(t), typeString(u.Underlying()))
		return nil
	case *types.Struct:
		a.errorf(pos, "%s: anonymous struct types are not supported; declare a named struct type", where)
		return nil
	}
	a.errorf(pos, "%s: type %s is not supported (see the type table in the README)", where, typeString(t))
	return nil
}

func (a *analyzer) structOf(n *types.Named, pos token.Pos, where string) *StructType {
	if s, ok := a.structs[n]; ok {
		return s
	}
	obj := n.Obj()
	if n.TypeArgs().Len() > 0 {
		a.errorf(pos, "%s: generic struct %s is not supported", where, typeString(n))
		return nil
	}
	if !obj.Exported() {
		a.errorf(pos, "%s: struct %s is unexported; generated code in package main cannot name it", where, typeString(n))
		return nil
	}
	if obj.Pkg() != nil && obj.Pkg().Path() != a.pkg.Path {
		a.errorf(pos, "%s: struct %s is declared in another package; declare the types an export uses in the bound package", where, typeString(n))
		return nil
	}
	s := &StructType{Name: obj.Name(), Ident: a.ident(obj), Doc: a.docs[obj.Pos()], pos: obj.Pos()}
	a.structs[n] = s // before the fields, so recursive types terminate
	fields, ok := a.fields(obj.Name(), n.Underlying().(*types.Struct), "", 0, where)
	if !ok {
		return nil
	}
	s.Fields = dominantFields(fields)
	a.pkg.Structs = append(a.pkg.Structs, s)
	return s
}

// candidate is a field that may become a property, before encoding/json's
// rules pick one field per name.
type candidate struct {
	Field
	depth  int  // how many embedded structs it is promoted through
	tagged bool // its name comes from a json tag
	pos    token.Pos
}

// fields lists the fields of st that encoding/json would consider, with
// the fields of embedded structs promoted, in declaration order. prefix
// is the selector of st from the outer struct.
func (a *analyzer) fields(structName string, st *types.Struct, prefix string, depth int, where string) ([]candidate, bool) {
	var list []candidate
	ok := true
	for i := range st.NumFields() {
		fv := st.Field(i)
		fieldWhere := fmt.Sprintf("%s: field %s.%s", where, structName, prefix+fv.Name())
		tag, hasTag := reflect.StructTag(st.Tag(i)).Lookup("json")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case hasTag && tag == "-":
			continue
		case !fv.Exported() && !fv.Embedded():
			continue
		case fv.Embedded() && name == "":
			embedded, isStruct := types.Unalias(fv.Type()).(*types.Named)
			if _, isPtr := types.Unalias(fv.Type()).(*types.Pointer); isPtr {
				a.errorf(fv.Pos(), "%s: an embedded pointer is not supported (encoding/json would allocate it); embed the struct value or name the field", fieldWhere)
				ok = false
				continue
			}
			if isStruct {
				_, isStruct = embedded.Underlying().(*types.Struct)
			}
			if isStruct && !fv.Exported() {
				a.errorf(fv.Pos(), "%s: embedded struct %s is unexported; generated code in package main cannot reach its fields", fieldWhere, fv.Name())
				ok = false
				continue
			}
			if isStruct {
				inner, innerOK := a.fields(structName, embedded.Underlying().(*types.Struct), prefix+fv.Name()+".", depth+1, where)
				list = append(list, inner...)
				ok = ok && innerOK
				continue
			}
			if !fv.Exported() {
				continue
			}
		}
		for _, opt := range strings.Split(opts, ",") {
			if opt == "string" || opt == "omitzero" {
				a.errorf(fv.Pos(), "%s: the json option %q is not supported; drop it (omitempty is)", fieldWhere, opt)
				ok = false
			}
		}
		t := a.typeOf(fv.Type(), fv.Pos(), fieldWhere)
		if t == nil {
			ok = false
			continue
		}
		f := Field{GoPath: prefix + fv.Name(), JSName: cmp.Or(name, fv.Name()), Type: t, Doc: a.docs[fv.Pos()]}
		f.Optional = slices.Contains(strings.Split(opts, ","), "omitempty")
		list = append(list, candidate{Field: f, depth: depth, tagged: name != "", pos: fv.Pos()})
	}
	if depth == 0 {
		seen := map[string]string{}
		for _, c := range list {
			if prev, dup := seen[c.JSName]; dup && c.depth == 0 {
				a.errorf(c.pos, "%s: fields %s and %s of struct %s both map to the JavaScript property %q (encoding/json would drop both)", where, prev, c.GoPath, structName, c.JSName)
				ok = false
			}
			if c.depth == 0 {
				seen[c.JSName] = c.GoPath
			}
		}
	}
	return list, ok
}

// dominantFields applies encoding/json's rules to fields that share a
// name: the shallowest wins; among equally shallow ones, the only one
// named by a json tag wins; otherwise none crosses.
func dominantFields(list []candidate) []Field {
	var out []Field
	for _, c := range list {
		dominant := true
		for _, o := range list {
			if o.JSName != c.JSName || o.GoPath == c.GoPath {
				continue
			}
			if o.depth < c.depth || (o.depth == c.depth && (o.tagged || !c.tagged)) {
				dominant = false
			}
		}
		if dominant {
			out = append(out, c.Field)
		}
	}
	return out
}

// enumOf returns the enum type of n, a defined type over basic type
// under, from the constants of n that its package declares.
func (a *analyzer) enumOf(n *types.Named, under *types.Basic, pos token.Pos, where string) *EnumType {
	if e, ok := a.enums[n]; ok {
		return e
	}
	obj := n.Obj()
	if obj.Pkg() == nil || obj.Pkg().Path() != a.pkg.Path {
		a.errorf(pos, "%s: named type %s is declared in another package; use its underlying type %s, or declare an enum type in the bound package", where, typeString(n), typeString(under))
		return nil
	}
	k, ok := basicKinds[under.Kind()]
	if !ok || k == Bool || k == Float32 || k == Float64 {
		a.errorf(pos, "%s: named type %s is not supported; use its underlying type %s (enum types are strings or integers with constants)", where, typeString(n), typeString(under))
		return nil
	}
	e := &EnumType{Name: obj.Name(), Ident: a.ident(obj), Doc: a.docs[obj.Pos()], Under: k, pos: obj.Pos()}
	var consts []*types.Const
	for _, name := range a.scope.Names() {
		if c, ok := a.scope.Lookup(name).(*types.Const); ok && types.Identical(c.Type(), n) && name != "_" {
			consts = append(consts, c)
		}
	}
	if len(consts) == 0 {
		a.errorf(pos, "%s: named type %s has no constants; declare its values as constants of the type (an enum), or use its underlying type %s", where, typeString(n), typeString(under))
		return nil
	}
	slices.SortFunc(consts, func(x, y *types.Const) int { return cmp.Compare(x.Pos(), y.Pos()) })
	for _, c := range consts {
		v := c.Val()
		switch {
		case k == String && !utf8.ValidString(constant.StringVal(v)):
			a.errorf(c.Pos(), "%s: constant %s of %s is not valid UTF-8, so JavaScript cannot hold it", where, c.Name(), obj.Name())
			return nil
		case (k == Int || k == Uint) && !safeInteger(v):
			a.errorf(c.Pos(), "%s: constant %s of %s is outside JavaScript's safe integers (±2^53-1); use an int64 enum for bigints", where, c.Name(), obj.Name())
			return nil
		}
		e.Values = append(e.Values, EnumValue{GoName: c.Name(), Value: v, Doc: a.docs[c.Pos()]})
	}
	enumKeys(e)
	a.enums[n] = e
	a.pkg.Enums = append(a.pkg.Enums, e)
	return e
}

// enumKeys names the exported constants of e in its JavaScript object:
// Go's usual prefix of the type name goes when every one has it (Mode.Fast
// for ModeFast), so that no key repeats its object's name.
func enumKeys(e *EnumType) {
	strip := true
	for _, v := range e.Values {
		rest, ok := strings.CutPrefix(v.GoName, e.Name)
		if token.IsExported(v.GoName) && (!ok || rest == "" || !unicode.IsUpper([]rune(rest)[0])) {
			strip = false
		}
	}
	for i, v := range e.Values {
		switch {
		case !token.IsExported(v.GoName):
		case strip:
			e.Values[i].JSName = strings.TrimPrefix(v.GoName, e.Name)
		default:
			e.Values[i].JSName = v.GoName
		}
	}
}

func safeInteger(v constant.Value) bool {
	limit := constant.MakeInt64(1<<53 - 1)
	return constant.Compare(v, token.LEQ, limit) && constant.Compare(v, token.GEQ, constant.UnaryOp(token.SUB, limit, 0))
}

// ident returns a unique identifier suffix for a struct's codec functions.
func (a *analyzer) ident(obj *types.TypeName) string {
	id := obj.Name()
	for i := 2; a.idents[id]; i++ {
		id = fmt.Sprintf("%s%d", obj.Name(), i)
	}
	a.idents[id] = true
	return id
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

func isReader(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && isNamed(n, wasmbridgePath, "Reader")
}

// isNamed reports whether n is the type path.name.
func isNamed(n *types.Named, path, name string) bool {
	return n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path && n.Obj().Name() == name
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

func typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// docText is the doc comment without directive lines.
func docText(doc *ast.CommentGroup) string {
	return strings.TrimSpace(doc.Text())
}

// packageErrors reports the compiler's errors once each, at file:line:col
// relative to dir: go list repeats type errors in its own summary, which
// is dropped when the type checker reported them itself.
func packageErrors(dir, pattern string, list []packages.Error) error {
	typed := slices.ContainsFunc(list, func(e packages.Error) bool {
		return e.Kind == packages.TypeError || e.Kind == packages.ParseError
	})
	var errs []error
	for _, e := range list {
		if typed && e.Kind == packages.ListError {
			continue
		}
		pos := e.Pos
		if rel, err := filepath.Rel(dir, pos); err == nil && filepath.IsAbs(pos) && !strings.HasPrefix(rel, "..") {
			pos = rel
		}
		if pos == "" || pos == "-" { // not about a line of Go: say where it looked
			errs = append(errs, fmt.Errorf("package %s, looked up in %s: %s", pattern, dir, e.Msg))
		} else {
			errs = append(errs, fmt.Errorf("%s: %s", pos, e.Msg))
		}
	}
	return errors.Join(errs...)
}
