package host_test

import (
	"bytes"
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/host"
	"github.com/gowasm/gowasm/internal/exports"
	"github.com/gowasm/gowasm/internal/wasmfile"
)

// TestInspect runs gowasm inspect on the module: its text against
// testdata/inspect.golden (UPDATE_GOLDEN=1 rewrites it), and its -json
// against wasicalc's source, parsed here: every //gowasm:export function,
// with the signature the source declares.
func TestInspect(t *testing.T) {
	wasm := wasicalcModule(t)
	inspect := func(args ...string) []byte {
		cmd := exec.Command("go", append([]string{"run", "./tools/cmd/gowasm", "inspect"}, args...)...)
		cmd.Dir = harness.Root()
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("gowasm inspect %v: %v\n%s", args, err, out)
		}
		return out
	}
	text := inspect(wasm)
	golden := filepath.Join("testdata", "inspect.golden")
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(golden, text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want, err := os.ReadFile(golden); err != nil || !bytes.Equal(want, text) {
		t.Errorf("gowasm inspect differs from %s (UPDATE_GOLDEN=1 rewrites it; %v):\n%s", golden, err, text)
	}

	var desc exports.Module
	if err := json.Unmarshal(inspect("-json", wasm), &desc); err != nil {
		t.Fatal(err)
	}
	want := sourceSignatures(t, filepath.Join(harness.Root(), "e2e/wasi/testdata/wasicalc/wasicalc.go"))
	got := map[string]string{}
	for _, f := range desc.Funcs {
		got[f.GoName] = f.Go
	}
	if len(got) != len(want) {
		t.Errorf("inspect lists %d exports, the source marks %d", len(got), len(want))
	}
	for name, sig := range want {
		if got[name] != sig {
			t.Errorf("%s: inspect says %q, the source %q", name, got[name], sig)
		}
	}
}

// sourceSignatures renders each //gowasm:export function of a file as
// its source declares it, one parameter per name.
func sourceSignatures(t *testing.T, path string) map[string]string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	expr := func(e ast.Expr) string {
		var b strings.Builder
		printer.Fprint(&b, fset, e)
		return b.String()
	}
	sigs := map[string]string{}
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Doc == nil || !hasExportLine(fd.Doc) {
			continue
		}
		var params, results []string
		for _, field := range fd.Type.Params.List {
			for _, name := range field.Names {
				params = append(params, name.Name+" "+expr(field.Type))
			}
		}
		if fd.Type.Results != nil {
			for _, field := range fd.Type.Results.List {
				results = append(results, expr(field.Type))
			}
		}
		sig := "func " + fd.Name.Name + "(" + strings.Join(params, ", ") + ")"
		switch len(results) {
		case 0:
		case 1:
			sig += " " + results[0]
		default:
			sig += " (" + strings.Join(results, ", ") + ")"
		}
		sigs[fd.Name.Name] = sig
	}
	return sigs
}

func hasExportLine(doc *ast.CommentGroup) bool {
	for _, c := range doc.List {
		if strings.TrimSpace(c.Text) == "//gowasm:export" {
			return true
		}
	}
	return false
}

// TestWithoutSection: a module without its exports section, as plain go
// build makes it, is refused by name.
func TestWithoutSection(t *testing.T) {
	wasm, err := os.ReadFile(wasicalcModule(t))
	if err != nil {
		t.Fatal(err)
	}
	sections, err := wasmfile.Sections(wasm)
	if err != nil {
		t.Fatal(err)
	}
	last := sections[len(sections)-1]
	if name, _, err := last.Custom(); err != nil || name != exports.SectionName {
		t.Fatalf("the module's last section is %q (%v), not %s", name, err, exports.SectionName)
	}
	stripped := wasm[:last.Offset]
	if _, err := host.New(context.Background(), stripped); err == nil || !strings.Contains(err.Error(), "no gowasm.exports section") {
		t.Errorf("host.New of a module without its section: %v", err)
	}
}
