package bench

import (
	"syscall/js"

	"github.com/gowasm/gowasm/wasmbridge"
)

// The hand-written syscall/js equivalents of Add and Echo, the way Go
// code talks to JavaScript without gowasm, for side-by-side numbers.
func init() {
	wasmbridge.Expose("add", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int()
	}).Value)
	uint8Array := js.Global().Get("Uint8Array")
	wasmbridge.Expose("echo", js.FuncOf(func(_ js.Value, args []js.Value) any {
		data := make([]byte, args[0].Length())
		js.CopyBytesToGo(data, args[0])
		out := uint8Array.New(len(data))
		js.CopyBytesToJS(out, data)
		return out
	}).Value)
}
