package wasmbridge

// The wire contract between a module and @gowasm/bridge: the ABI
// version, the sync call frame and the call states. It is defined here
// once, for every platform: gowasm bind writes these values into
// bindings, web/bridge/runtime.js mirrors them by name, and
// wire_other_test.go checks that the two sides agree.

// ABIVersion is checked by @gowasm/bridge against the module and the
// binding; bump it whenever the shim conventions, the call frame, the
// states or the wire format change.
const ABIVersion = 4

// State is the outcome of a call as JavaScript sees it: word FrameState
// of the sync call frame, and the first argument of an async call's
// settle callback.
type State uint32

const (
	StateOK      State = 0
	StateRunning State = 1 // still set after a sync shim returned: the call blocked
	StateError   State = 2 // the export returned a non-nil error
	StatePanic   State = 3 // the export panicked
	// StateBadArgument: an argument reached Go malformed (see
	// ArgumentError). The message words hold the reason, the stack words
	// the parameter.
	StateBadArgument State = 4
)

// Words of the call frame, a fixed array of uint32 that JavaScript reads
// after every sync call. Each text is a pointer word followed by its
// length word.
const (
	FrameState      = iota // a State
	FrameResultPtr         // a string, TypedArray or encoded result
	FrameResultLen         // its length in bytes
	FrameMessagePtr        // an error or panic message
	FrameMessageLen
	FrameStackPtr // a panic's stack, or the parameter a bad argument names
	FrameStackLen
	FrameWords // the frame's size in words
)
