package bind

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Reference tests, after wasm-bindgen's: each testdata/reference/NAME
// holds an input package beside the expected main.go.golden, NAME.js and
// NAME.d.ts. UPDATE_GOLDEN=1 rewrites the expectations.

var update = os.Getenv("UPDATE_GOLDEN") == "1"

func referenceCases(t *testing.T) []string {
	dirs, err := filepath.Glob("testdata/reference/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no reference cases: %v", err)
	}
	return dirs
}

func TestReference(t *testing.T) {
	for _, dir := range referenceCases(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			files, pkg, err := Generate(".", "./"+dir, caseTarget(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			if pkg.Name != name {
				t.Fatalf("package name %q, want %q", pkg.Name, name)
			}
			for file, got := range files {
				golden := filepath.Join(dir, file)
				if file == "main.go" {
					golden += ".golden"
				}
				checkGolden(t, golden, got)
			}
		})
	}
}

// TestErrors binds each testdata/errors/NAME, one unsupported feature
// per case, which must fail with the errors in its errors.txt.
func TestErrors(t *testing.T) {
	dirs, err := filepath.Glob("testdata/errors/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no error cases: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			_, _, err := Generate(".", "./"+dir, caseTarget(t, dir))
			if err == nil {
				t.Fatalf("binding %s succeeded; want errors", dir)
			}
			checkGolden(t, filepath.Join(dir, "errors.txt"), []byte(err.Error()+"\n"))
		})
	}
}

// caseTarget is the target a case is bound for: the contents of its
// file target, js when it has none.
func caseTarget(t *testing.T, dir string) Target {
	data, err := os.ReadFile(filepath.Join(dir, "target"))
	if os.IsNotExist(err) {
		return TargetJS
	}
	if err != nil {
		t.Fatal(err)
	}
	return Target(strings.TrimSpace(string(data)))
}

func TestNoExports(t *testing.T) {
	_, _, err := Generate(".", "strings", TargetJS)
	if err == nil || !strings.Contains(err.Error(), "no functions marked //gowasm:export") {
		t.Fatalf("err = %v, want a missing-directive error", err)
	}
}

func TestNoPackage(t *testing.T) {
	_, _, err := Generate(".", "./testdata/none", TargetJS)
	dir, _ := filepath.Abs(".")
	if want := "package ./testdata/none, looked up in " + dir + ": "; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("err = %v, want it to begin %q", err, want)
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the generated output (UPDATE_GOLDEN=1 refreshes it):\n%s", path, diffLines(string(want), string(got)))
	}
}

// diffLines shows the first differing line, enough to locate a change.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, wl, gl)
		}
	}
	return "(only trailing differences)"
}

// TestReferenceBuilds compiles each reference main.go for its target
// (js/wasm, or wasip1/wasm as a reactor), via a build overlay that places
// it inside the module.
func TestReferenceBuilds(t *testing.T) {
	for _, dir := range referenceCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			abs, err := filepath.Abs(filepath.Join(dir, "main.go.golden"))
			if err != nil {
				t.Fatal(err)
			}
			target, _ := filepath.Abs(filepath.Join(dir, "generated", "main.go"))
			overlay := filepath.Join(t.TempDir(), "overlay.json")
			data, _ := json.Marshal(map[string]any{"Replace": map[string]string{target: abs}})
			if err := os.WriteFile(overlay, data, 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"build", "-overlay", overlay, "-o", filepath.Join(t.TempDir(), "m.wasm")}
			goos := "js"
			if caseTarget(t, dir) == TargetWASIP1 {
				goos = "wasip1"
				args = append(args, "-buildmode=c-shared")
			}
			cmd := exec.Command("go", append(args, "./"+filepath.Join(dir, "generated"))...)
			cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=wasm")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("GOOS=%s GOARCH=wasm go build failed: %v\n%s", goos, err, out)
			}
		})
	}
}

// TestReferenceJSParses checks that every expected binding is valid ESM.
func TestReferenceJSParses(t *testing.T) {
	for _, dir := range referenceCases(t) {
		js := filepath.Join(dir, filepath.Base(dir)+".js")
		// --check parses without running; .js is ESM here because of the
		// repository's package.json "type": "module".
		if out, err := exec.Command("node", "--check", js).CombinedOutput(); err != nil {
			t.Errorf("node --check %s: %v\n%s", js, err, out)
		}
	}
}

// TestTypeScript type-checks a program against the expected .d.ts files
// with the repository's pinned tsc: correct uses must pass and every
// `@ts-expect-error` wrong use must still be an error.
func TestTypeScript(t *testing.T) {
	root := repoRoot(t)
	tsc := filepath.Join(root, "node_modules", ".bin", "tsc")
	if _, err := os.Stat(tsc); err != nil {
		t.Fatalf("tsc not installed (%v): run `make deps` (npm ci)", err)
	}
	dir := t.TempDir()
	for _, c := range referenceCases(t) {
		name := filepath.Base(c)
		copyFile(t, filepath.Join(c, name+".d.ts"), filepath.Join(dir, name+".d.ts"))
	}
	copyFile(t, "testdata/typescript/usage.ts", filepath.Join(dir, "usage.ts"))
	writeTSConfig(t, dir, root, "usage.ts")
	if out, err := exec.Command(tsc, "-p", dir).CombinedOutput(); err != nil {
		t.Fatalf("tsc --noEmit failed on correct usage: %v\n%s", err, out)
	}

	// The same declarations must reject a wrong call outright.
	wrong := "import scalars from './scalars.js';\nimport { load } from '@gowasm/bridge';\n" +
		"const api = await load(scalars, { wasm: 'x.wasm' });\nconst n: string = api.add(1, 2);\n"
	if err := os.WriteFile(filepath.Join(dir, "wrong.ts"), []byte(wrong), 0o644); err != nil {
		t.Fatal(err)
	}
	writeTSConfig(t, dir, root, "wrong.ts")
	out, err := exec.Command(tsc, "-p", dir).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "TS2322") {
		t.Fatalf("tsc accepted a number assigned to a string (err %v):\n%s", err, out)
	}
}

func writeTSConfig(t *testing.T, dir, root, file string) {
	t.Helper()
	config := map[string]any{
		"compilerOptions": map[string]any{
			"strict": true, "exactOptionalPropertyTypes": true, "noEmit": true, "target": "es2022", "module": "esnext",
			"moduleResolution": "bundler", "lib": []string{"es2022", "dom"},
			"types": []string{}, "skipLibCheck": false,
			"paths": map[string][]string{"@gowasm/bridge": {filepath.Join(root, "web/bridge/index.d.ts")}},
		},
		"files": []string{file},
	}
	data, _ := json.MarshalIndent(config, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "tsconfig.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func repoRoot(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// TestTargetFlag: -target takes js and wasip1, and nothing else.
func TestTargetFlag(t *testing.T) {
	for _, good := range []Target{TargetJS, TargetWASIP1} {
		var target Target
		if err := target.Set(string(good)); err != nil || target != good {
			t.Errorf("Set(%q): %q, %v", good, target, err)
		}
	}
	target := TargetJS
	if err := target.Set("wasm32"); err == nil || target != TargetJS {
		t.Errorf("Set(%q) was taken: %q, %v", "wasm32", target, err)
	}
}
