package wasmbridge

import (
	"runtime"
	"strconv"
)

// Recovered describes a value recovered from a panic: its message, and
// the goroutine's stack from the panic on. Call it in the deferred
// function that recovered.
func Recovered(v any) (message, stack string) {
	return panicMessage(v), goroutineStack()
}

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
