package wasmbridge

import (
	"context"
	"sync"
	"syscall/js"
)

// abiVersion is checked by the JavaScript loader; bump it whenever the
// shim conventions, the call frame or the wire format change.
const abiVersion = 1

// handshakeName is the global that @gowasm/bridge sets for the duration
// of go.run, so that main can hand over its dispatcher. It is deleted as
// soon as main has parked.
const handshakeName = "__gowasm_handshake"

// AsyncExport is an async export as the generated main package registers
// it with Serve.
type AsyncExport struct {
	// Name is the qualified JavaScript name, used in error messages.
	Name string
	// Call decodes the arguments, runs the export and encodes its result.
	// callbacks are the JavaScript functions passed for func parameters.
	Call func(ctx context.Context, args *Decoder, callbacks []js.Value, result *Encoder) error
}

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

// Serve installs the async dispatcher, tells @gowasm/bridge that the
// module is ready, and parks main forever so that exports stay callable.
func Serve(exports []AsyncExport) {
	handshake := js.Global().Get(handshakeName)
	if handshake.Type() != js.TypeFunction {
		panic("wasmbridge: this module must be started by @gowasm/bridge's load()")
	}
	d := &dispatcher{exports: exports, running: map[int]context.CancelFunc{}}
	ready := js.Global().Get("Object").New()
	ready.Set("abi", abiVersion)
	ready.Set("call", js.FuncOf(d.call))
	ready.Set("cancel", js.FuncOf(d.cancel))
	names := js.Global().Get("Object").New()
	for _, e := range exposed {
		names.Set(e.name, e.value)
	}
	ready.Set("exposed", names)
	handshake.Invoke(ready)
	select {}
}

type dispatcher struct {
	exports []AsyncExport
	mu      sync.Mutex
	running map[int]context.CancelFunc
}

// call starts an async export. Arguments from JavaScript:
// (export index, call id, encoded arguments, settle, ...callbacks).
// settle(state, payload, stack) receives the outcome exactly once.
func (d *dispatcher) call(_ js.Value, args []js.Value) any {
	export := d.exports[args[0].Int()]
	id := args[1].Int()
	input := make([]byte, args[2].Length())
	js.CopyBytesToGo(input, args[2])
	settle := args[3]
	callbacks := args[4:]

	ctx, cancel := context.WithCancel(context.Background())
	d.mu.Lock()
	d.running[id] = cancel
	d.mu.Unlock()

	go func() {
		defer d.finish(id)
		defer func() {
			if v := recover(); v != nil {
				settle.Invoke(statePanic, panicMessage(v), goroutineStack())
			}
		}()
		var result Encoder
		if err := export.Call(ctx, NewDecoder(input), callbacks, &result); err != nil {
			settle.Invoke(stateError, err.Error())
			return
		}
		if err := result.Err(); err != nil {
			settle.Invoke(stateError, err.Error())
			return
		}
		settle.Invoke(stateOK, bytesToJS(result.Bytes()))
	}()
	return nil
}

// cancel cancels the context of a running call: (call id).
func (d *dispatcher) cancel(_ js.Value, args []js.Value) any {
	d.mu.Lock()
	cancel := d.running[args[0].Int()]
	d.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	return nil
}

func (d *dispatcher) finish(id int) {
	d.mu.Lock()
	cancel := d.running[id]
	delete(d.running, id)
	d.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// Invoke calls the JavaScript callback cb with the encoded arguments in e.
// The generated JavaScript decodes them and calls the user's function.
func Invoke(cb js.Value, e *Encoder) {
	if err := e.Err(); err != nil {
		panic(err)
	}
	cb.Invoke(bytesToJS(e.Bytes()))
}

var uint8Array = js.Global().Get("Uint8Array")

func bytesToJS(b []byte) js.Value {
	a := uint8Array.New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}
