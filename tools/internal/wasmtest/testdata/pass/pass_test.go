package pass

import (
	"syscall/js"
	"testing"
)

// TestInBrowser passes only in a browser: Node has no document.
func TestInBrowser(t *testing.T) {
	if !js.Global().Get("document").Truthy() {
		t.Fatal("no document: not running in a browser")
	}
	t.Log("user agent:", js.Global().Get("navigator").Get("userAgent").String())
}

func TestArithmetic(t *testing.T) {
	if 6*7 != 42 {
		t.Fatal("arithmetic is broken")
	}
}
