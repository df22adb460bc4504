package bind

import (
	"os"
	"regexp"
	"testing"
)

// Every kind's label that the generated code passes to $rt.bad must be a
// key of runtime.js's KINDS, which describes what was expected. (A
// TypedArray's name is its own description: "a Float32Array".)
func TestRuntimeJSDescribesEveryLabel(t *testing.T) {
	src, err := os.ReadFile("../../../web/bridge/runtime.js")
	if err != nil {
		t.Fatal(err)
	}
	table := regexp.MustCompile(`(?s)\nconst KINDS = \{\n(.*?)\n\};`).FindSubmatch(src)
	if table == nil {
		t.Fatal("runtime.js: no KINDS table")
	}
	described := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s+'?([A-Za-z0-9]+)'?: \[`).FindAllSubmatch(table[1], -1) {
		described[string(m[1])] = true
	}
	for k, f := range kinds {
		if f.label != "" && !described[f.label] {
			t.Errorf("kind %d: runtime.js KINDS has no %q", k, f.label)
		}
	}
}
