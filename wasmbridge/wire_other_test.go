//go:build !(js && wasm)

package wasmbridge

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// The wire contract (wire.go) is mirrored by name in @gowasm/bridge's
// runtime.js: both sides must agree.
func TestRuntimeJSMirrorsWireConstants(t *testing.T) {
	src, err := os.ReadFile("../web/bridge/runtime.js")
	if err != nil {
		t.Fatal(err)
	}
	js := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^(?:export )?const ([A-Z_]+) = (\d+);`).FindAllSubmatch(src, -1) {
		js[string(m[1])], _ = strconv.Atoi(string(m[2]))
	}
	for name, want := range map[string]int{
		"ABI":                ABIVersion,
		"STATE_OK":           int(StateOK),
		"STATE_RUNNING":      int(StateRunning),
		"STATE_ERROR":        int(StateError),
		"STATE_PANIC":        int(StatePanic),
		"STATE_BAD_ARGUMENT": int(StateBadArgument),
		"FRAME_WORDS":        FrameWords,
	} {
		if got, ok := js[name]; !ok || got != want {
			t.Errorf("runtime.js: %s = %d (defined: %v), Go has %d", name, got, ok, want)
		}
	}
}
