package bind

import (
	"strings"
	"unicode"
)

// jsName turns an exported Go name into lower camel case, keeping
// initialisms readable: Blur→blur, SHA256Hex→sha256Hex, HTMLToText→htmlToText.
func jsName(goName string) string {
	r := []rune(goName)
	// The leading run of upper-case letters and digits.
	n := 0
	for n < len(r) && (unicode.IsUpper(r[n]) || unicode.IsDigit(r[n])) {
		n++
	}
	switch {
	case n == len(r):
		return strings.ToLower(goName)
	case n > 1 && unicode.IsLower(r[n]):
		// The last upper-case letter starts the next word: HTMLTo → html + To.
		n--
	}
	return strings.ToLower(string(r[:n])) + string(r[n:])
}

// jsReserved are identifiers a Go parameter may use but JavaScript may not.
var jsReserved = map[string]bool{
	"arguments": true, "await": true, "class": true, "delete": true, "do": true,
	"enum": true, "eval": true, "export": true, "extends": true, "false": true,
	"finally": true, "in": true, "instanceof": true, "let": true, "new": true,
	"null": true, "static": true, "super": true, "this": true, "throw": true,
	"true": true, "try": true, "typeof": true, "void": true, "while": true,
	"with": true, "yield": true, "catch": true, "debugger": true, "function": true,
	"implements": true, "interface": true, "package": true, "private": true,
	"protected": true, "public": true, "undefined": true, "NaN": true, "Infinity": true,
}

// jsIdent is the JavaScript identifier for a Go parameter name.
func jsIdent(goName string) string {
	if jsReserved[goName] {
		return goName + "_"
	}
	return goName
}
