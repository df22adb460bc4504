package wasmbridge

import (
	"runtime"
	"strconv"
)

// ABIVersion is checked by @gowasm/bridge against the module and the
// binding; bump it whenever the shim conventions, the call frame, the
// states or the wire format change.
const ABIVersion = 3

// State is the outcome of a call as JavaScript sees it: word 0 of the
// sync call frame, and the first argument of an async call's settle
// callback. web/bridge/runtime.js mirrors these values (wire_other_test.go checks).
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

// Recovered describes a value recovered from a panic: its message, and
// the goroutine's stack from the panic on. Call it in the deferred
// function that recovered.
func Recovered(v any) (message, stack string) {
	return panicMessage(v), goroutineStack()
}

// Words of the call frame, a fixed array of uint32 that JavaScript reads
// after every sync call.
const (
	frameState = iota
	frameResultPtr
	frameResultLen
	frameMessagePtr
	frameMessageLen
	frameStackPtr
	frameStackLen
	frameWords
)

// panicMessage renders a recovered panic value the way the Go runtime
// prints it, without pulling fmt or reflect into the wasm binary.
func panicMessage(v any) string {
	switch v := v.(type) {
	case error:
		return v.Error()
	case interface{ String() string }:
		return v.String()
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case int8:
		return strconv.FormatInt(int64(v), 10)
	case int16:
		return strconv.FormatInt(int64(v), 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint:
		return strconv.FormatUint(uint64(v), 10)
	case uint8:
		return strconv.FormatUint(uint64(v), 10)
	case uint16:
		return strconv.FormatUint(uint64(v), 10)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	default:
		return "panic with a value of a non-printable type"
	}
}

// goroutineStack returns the calling goroutine's stack trace from the
// panic on: called from a deferred recover, it drops the recovery frames
// above panic( so the trace starts where a crash trace would.
func goroutineStack() string {
	buf := make([]byte, 8<<10)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) {
			return trimToPanic(string(buf[:n]))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// trimToPanic drops the frames above "panic(". It avoids package strings,
// whose import alone links the unicode tables (~100 KB) into every module.
func trimToPanic(stack string) string {
	header := indexOf(stack, "\n")
	if header < 0 {
		return stack
	}
	if i := indexOf(stack[header:], "\npanic("); i >= 0 {
		return stack[:header+1] + stack[header+i+1:]
	}
	return stack
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
