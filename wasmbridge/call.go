package wasmbridge

import (
	"runtime"
	"strconv"
	"strings"
)

// Call states, written to word 0 of the call frame. The JavaScript side
// (web/bridge/runtime.js) reads them; keep the two in sync.
const (
	stateOK      = 0
	stateRunning = 1 // still set after the shim returned: the call blocked
	stateError   = 2 // the export returned a non-nil error
	statePanic   = 3 // the export panicked
)

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

func trimToPanic(stack string) string {
	header, frames, ok := strings.Cut(stack, "\n")
	if !ok {
		return stack
	}
	if i := strings.Index(frames, "\npanic("); i >= 0 {
		frames = frames[i+1:]
	}
	return header + "\n" + frames
}
