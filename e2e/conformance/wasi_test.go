package conformance

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// TestNodeWASI runs the suite's sync part against this package bound with
// gowasm bind -target wasip1, a WASI reactor that @gowasm/bridge runs
// with node:wasi: every value and bad-input case of a sync export,
// compared with native Go exactly as TestNode does. The package's async
// exports cannot be bound for wasip1, so it is bound as a copy in which
// they are not exported.
func TestNodeWASI(t *testing.T) {
	m, async := wasiModule(t)
	var cases []testCase
	for _, c := range allCases() {
		if !async[goName(c.fn)] {
			cases = append(cases, c)
		}
	}
	if len(cases) < 50 {
		t.Fatalf("only %d sync cases", len(cases))
	}
	out := harness.Node(t, "js/node.mjs", harness.WasmExec(t),
		filepath.Join(harness.Root(), "web/bridge/index.js"), m.Binding, m.Wasm, writeSpecWith(t, "inline", false, []string{}, cases))
	checkResults(t, "inline", cases, out)
	raw, _ := os.ReadFile(m.Wasm)
	t.Logf("%d sync cases against the wasip1 module (%d bytes)", len(cases), len(raw))
}

var (
	wasiOnce  sync.Once
	wasiBuilt harness.Module
	wasiAsync map[string]bool
)

// wasiModule builds the package's sync-only copy (syncOnlyCopy) with
// gowasm module -target wasip1, once per test binary, and returns it with
// the qualified Go names of the async exports it leaves out.
func wasiModule(t *testing.T) (harness.Module, map[string]bool) {
	t.Helper()
	wasiOnce.Do(func() {
		src, async := syncOnlyCopy(t)
		wasiBuilt, wasiAsync = harness.BuildWASI(t, "conformance-wasip1", src), async
	})
	if wasiBuilt.Wasm == "" {
		t.Fatal("building the wasip1 module failed in an earlier test")
	}
	return wasiBuilt, wasiAsync
}

// syncOnlyCopy copies the package's Go files (not its tests) under
// build/e2e, inside the module, without the //gowasm:export line of each
// async export (context.Context first); it returns the copy's directory
// and the qualified Go names of those exports.
func syncOnlyCopy(t *testing.T) (string, map[string]bool) {
	t.Helper()
	// Named as the package, so that panic stacks name conformance.F.
	dir := filepath.Join(harness.Root(), "build", "e2e", "conformance-wasip1-src", "conformance")
	if err := os.RemoveAll(filepath.Dir(dir)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	async := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		var drop []int // lines, 1-based
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Doc == nil || fd.Type.Params.NumFields() == 0 {
				continue
			}
			if sel, ok := fd.Type.Params.List[0].Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Context" {
				continue
			}
			for _, c := range fd.Doc.List {
				if strings.TrimSpace(c.Text) == "//gowasm:export" {
					drop = append(drop, fset.Position(c.Pos()).Line)
					async["conformance."+fd.Name.Name] = true
				}
			}
		}
		lines := strings.SplitAfter(string(src), "\n")
		var kept strings.Builder
		for i, line := range lines {
			if !slices.Contains(drop, i+1) {
				kept.WriteString(line)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(kept.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(async) == 0 {
		t.Fatal("found no async export to leave out: the copy would not be sync-only")
	}
	return dir, async
}
