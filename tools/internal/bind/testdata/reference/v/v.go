// Package v is a reference input of gowasm bind whose names collide with
// what generated code declares: the package name v, parameters named rt,
// d, e and like codec functions, unnamed parameters beside arg1, exports
// named like wasmbridge's own (Alloc, Frame), a JavaScript keyword (New),
// and a json:"__proto__" field.
package v

import "context"

// Item has a field whose JSON name is __proto__.
type Item struct {
	Proto string `json:"__proto__"`
	D     int32  `json:"d"`
}

//gowasm:export
func Alloc(rt int32, d string, e []byte) int32 { return rt }

//gowasm:export
func Frame(encodeItem Item, decodeItem map[string]Item) Item { return encodeItem }

//gowasm:export
func New(arg1 int32, _ string, _ bool) int32 { return arg1 }

//gowasm:export
func Later(ctx context.Context, v Item, cb func(int32, string)) (map[string]int32, error) {
	return nil, nil
}
