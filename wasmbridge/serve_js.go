package wasmbridge

import (
	"runtime"
	"syscall/js"
)

// handshakeName is the global that @gowasm/bridge sets for the duration
// of go.run, so that main can hand over its dispatcher. It is deleted as
// soon as main has parked.
const handshakeName = "__gowasm_handshake"

var exposed []struct {
	name  string
	value js.Value
}

// Expose publishes v to JavaScript as goInstance(api).exposed[name], for
// hand-written syscall/js code that lives beside generated exports.
// Call it before main calls Serve, e.g. from an init function.
func Expose(name string, v js.Value) {
	exposed = append(exposed, struct {
		name  string
		value js.Value
	}{name, v})
}

// Dispatcher runs a module's async exports; package async provides it.
// It lives apart so that a module without async exports links neither
// it nor context and time (about 230 KB of wasm).
type Dispatcher interface {
	// Install sets the dispatcher's "call" and "cancel" functions on the
	// object handed to JavaScript.
	Install(ready js.Value)
}

// Serve tells @gowasm/bridge that the module is ready and parks main
// forever so that exports stay callable. invokers run the sync exports
// from encoded arguments (worker and pool modes, see [Invoker]); async
// is the async dispatcher, nil when the module has none.
func Serve(invokers []Invoker, async Dispatcher) {
	Register(invokers)
	handshake := js.Global().Get(handshakeName)
	if handshake.Type() != js.TypeFunction {
		panic("wasmbridge: this module must be started by @gowasm/bridge's load()")
	}
	ready := js.Global().Get("Object").New()
	ready.Set("abi", ABIVersion)
	ready.Set("goVersion", runtime.Version())
	if async != nil {
		async.Install(ready)
	}
	names := js.Global().Get("Object").New()
	for _, e := range exposed {
		names.Set(e.name, e.value)
	}
	ready.Set("exposed", names)
	handshake.Invoke(ready)
	select {}
}
