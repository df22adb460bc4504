package fuzz

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/gowasm/gowasm/e2e/fuzz/boundary"
)

// functions are package boundary's exports by Go name. Exports checks
// that the list and the package agree.
var functions = map[string]any{
	"Bool":        boundary.Bool,
	"Int8":        boundary.Int8,
	"Uint8":       boundary.Uint8,
	"Int16":       boundary.Int16,
	"Uint16":      boundary.Uint16,
	"Int32":       boundary.Int32,
	"Uint32":      boundary.Uint32,
	"Int":         boundary.Int,
	"Uint":        boundary.Uint,
	"Int64":       boundary.Int64,
	"Uint64":      boundary.Uint64,
	"Float32":     boundary.Float32,
	"Float64":     boundary.Float64,
	"String":      boundary.String,
	"Bytes":       boundary.Bytes,
	"Int8s":       boundary.Int8s,
	"Int16s":      boundary.Int16s,
	"Uint16s":     boundary.Uint16s,
	"Int32s":      boundary.Int32s,
	"Uint32s":     boundary.Uint32s,
	"Int64s":      boundary.Int64s,
	"Uint64s":     boundary.Uint64s,
	"Float32s":    boundary.Float32s,
	"Float64s":    boundary.Float64s,
	"Strings":     boundary.Strings,
	"Bools":       boundary.Bools,
	"Grid":        boundary.Grid,
	"Dict":        boundary.Dict,
	"Index":       boundary.Index,
	"EchoItem":    boundary.EchoItem,
	"Items":       boundary.Items,
	"EchoTree":    boundary.EchoTree,
	"Scalars":     boundary.Scalars,
	"Arrays":      boundary.Arrays,
	"Mixed":       boundary.Mixed,
	"AsyncItem":   boundary.AsyncItem,
	"AsyncMixed":  boundary.AsyncMixed,
	"Stream":      boundary.Stream,
	"Text":        boundary.Text,
	"Narrow":      boundary.Narrow,
	"Fail":        boundary.Fail,
	"Panic":       boundary.Panic,
	"MemoryBytes": boundary.MemoryBytes,
	"EchoCard":    boundary.EchoCard,
	"Cards":       boundary.Cards,
	"Shades":      boundary.Shades,
	"Wait":        boundary.Wait,
	"When":        boundary.When,
	"Optional":    boundary.Optional,
	"AsyncCard":   boundary.AsyncCard,
}

// enums are the values of package boundary's enum types, as its source
// declares them: the model accepts these and no others.
var enums = map[reflect.Type][]any{
	reflect.TypeFor[boundary.Shade](): {boundary.ShadeLight, boundary.ShadeDark, boundary.Shade("\U0001F311 new moon")},
	reflect.TypeFor[boundary.Rank]():  {boundary.RankLow, boundary.RankMid, boundary.RankHigh},
	reflect.TypeFor[boundary.Stamp](): {boundary.StampZero, boundary.StampMax},
}

// Exports reads the exports of package boundary from its source in dir:
// their names, parameter names and whether they are async.
func Exports(dir string) ([]*Export, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filepath.Join(dir, "boundary.go"), nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var exports []*Export
	for _, decl := range file.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Doc == nil || !hasDirective(fd.Doc) {
			continue
		}
		fn, ok := functions[fd.Name.Name]
		if !ok {
			return nil, &missingError{fd.Name.Name}
		}
		e := &Export{JSName: lowerFirst(fd.Name.Name), Fn: fn}
		for i, field := range fd.Type.Params.List {
			for _, name := range field.Names {
				if i == 0 && reflect.TypeOf(fn).In(0).String() == "context.Context" {
					e.Async = true
					continue
				}
				e.Params = append(e.Params, name.Name)
			}
		}
		exports = append(exports, e)
	}
	if len(exports) != len(functions) {
		return nil, &missingError{"(functions lists more than boundary.go marks)"}
	}
	slices.SortFunc(exports, func(a, b *Export) int { return strings.Compare(a.JSName, b.JSName) })
	return exports, nil
}

func hasDirective(doc *ast.CommentGroup) bool {
	for _, c := range doc.List {
		if strings.TrimSpace(c.Text) == "//gowasm:export" {
			return true
		}
	}
	return false
}

type missingError struct{ name string }

func (e *missingError) Error() string {
	return "fuzz: functions does not match package boundary's exports: " + e.name
}

// lowerFirst is the JavaScript name of an export of package boundary,
// whose names have no leading initialism: EchoItem → echoItem.
func lowerFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
