//go:build !(js && wasm)

package wasmbridge

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Every byte of wasm is a user's download: the runtime must not drag in
// heavy packages. time alone (and so context) adds about 230 KB, which is
// why async exports live in wasmbridge/async.
func TestClientDependencies(t *testing.T) {
	heavy := []string{"fmt", "reflect", "os", "net/http", "text/template", "encoding/json", "strings", "unicode"}
	for pkg, forbidden := range map[string][]string{
		".":       append(heavy, "time", "context"),
		"./async": heavy,
	} {
		cmd := exec.Command("go", "list", "-deps", pkg)
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			deps[d] = true
		}
		for _, f := range forbidden {
			if deps[f] {
				t.Errorf("wasmbridge/%s links %s into every module", pkg, f)
			}
		}
	}
}
