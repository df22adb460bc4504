package bind

import "testing"

func TestJSName(t *testing.T) {
	for goName, want := range map[string]string{
		"Blur":       "blur",
		"SHA256Hex":  "sha256Hex",
		"HTMLToText": "htmlToText",
		"ID":         "id",
		"X":          "x",
		"Add2":       "add2",
		"ParseURL":   "parseURL",
		"A1B":        "a1b",
		"GetHTTPS":   "getHTTPS",
	} {
		if got := jsName(goName); got != want {
			t.Errorf("jsName(%q) = %q, want %q", goName, got, want)
		}
	}
}

func TestJSIdent(t *testing.T) {
	for in, want := range map[string]string{"new": "new_", "this": "this_", "data": "data", "yield": "yield_"} {
		if got := jsIdent(in); got != want {
			t.Errorf("jsIdent(%q) = %q, want %q", in, got, want)
		}
	}
}
