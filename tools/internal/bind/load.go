package bind

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// directive marks a function for export, on a line of its doc comment.
const directive = "//gowasm:export"

// Load type-checks the package matched by pattern (an import path or a
// directory, resolved in dir) and builds the model of its exports. Every
// problem is reported, each as "file:line:col: reason".
func Load(dir, pattern string) (*Package, error) {
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
		pkg:     &Package{Name: p.Name, Path: p.PkgPath, Dir: packageDir(p)},
		structs: map[*types.Named]*StructType{},
		idents:  map[string]bool{},
		docs:    typeDocs(p.Syntax),
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
	structs map[*types.Named]*StructType
	idents  map[string]bool
	errs    []error
	async   int // async exports so far
	sync    int // sync exports so far
	docs    map[string]string
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
	for _, s := range a.pkg.Structs {
		if s.Name == APIName(a.pkg) || tsReservedTypes[s.Name] {
			a.errs = append(a.errs, fmt.Errorf("struct %s: its name is taken in the generated TypeScript (a built-in type or the package's API interface); rename it", s.Name))
		}
		fields := map[string]string{}
		for _, f := range s.Fields {
			if prev, ok := fields[f.JSName]; ok {
				a.errs = append(a.errs, fmt.Errorf("struct %s: fields %s and %s both map to the JavaScript property %q", s.Name, prev, f.GoName, f.JSName))
			}
			fields[f.JSName] = f.GoName
		}
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

// typeDocs maps each type name declared in files to its doc comment.
func typeDocs(files []*ast.File) map[string]string {
	docs := map[string]string{}
	for _, file := range files {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				docs[ts.Name.Name] = docText(doc)
			}
		}
	}
	return docs
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
	switch {
	case n > 1 || (n == 1 && res.Len() > 1 && !f.ReturnsError):
		a.errorf(fd.Type.Results.Pos(), "%s: at most one result besides a final error; return a struct", f.GoName)
	case n == 1:
		f.Result = a.typeOf(res.At(0).Type(), fd.Type.Results.Pos(), f.GoName+": result")
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
		if _, ok := u.Underlying().(*types.Struct); ok {
			if s := a.structOf(u, pos, where); s != nil {
				return &Type{Kind: Struct, Go: t, Struct: s}
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
	s := &StructType{Name: obj.Name(), Ident: a.ident(obj), Doc: a.docs[obj.Name()]}
	a.structs[n] = s // before the fields, so recursive types terminate
	st := n.Underlying().(*types.Struct)
	ok := true
	for i := range st.NumFields() {
		fv := st.Field(i)
		if !fv.Exported() {
			continue
		}
		name, skip := jsonName(fv.Name(), st.Tag(i))
		if skip {
			continue
		}
		fieldWhere := fmt.Sprintf("%s: field %s.%s", where, obj.Name(), fv.Name())
		if fv.Embedded() {
			a.errorf(fv.Pos(), "%s: embedded fields are not supported; name the field", fieldWhere)
			ok = false
			continue
		}
		t := a.typeOf(fv.Type(), fv.Pos(), fieldWhere)
		if t == nil {
			ok = false
			continue
		}
		s.Fields = append(s.Fields, Field{GoName: fv.Name(), JSName: name, Type: t})
	}
	if !ok {
		return nil
	}
	if obj.Pkg() != nil && obj.Pkg().Path() != a.pkg.Path {
		a.errorf(pos, "%s: struct %s is declared in another package; declare the types an export uses in the bound package", where, typeString(n))
		return nil
	}
	a.pkg.Structs = append(a.pkg.Structs, s)
	return s
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

// jsonName returns the property name encoding/json would use.
func jsonName(goName, tag string) (name string, skip bool) {
	v, ok := reflect.StructTag(tag).Lookup("json")
	if !ok {
		return goName, false
	}
	if v == "-" {
		return "", true
	}
	if name, _, _ := strings.Cut(v, ","); name != "" {
		return name, false
	}
	return goName, false
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

func isReader(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == wasmbridgePath && n.Obj().Name() == "Reader"
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
