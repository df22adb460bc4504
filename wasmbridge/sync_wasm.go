// The sync call path, for GOOS=js and GOOS=wasip1 alike: it needs no
// JavaScript, only memory the host reads and writes.

package wasmbridge

import (
	"unsafe"
)

// frame is the call frame JavaScript reads after every sync call; its
// address is fetched once through gowasm__frame.
var frame [FrameWords]uint32

// pinned holds the buffers JavaScript filled for the call in progress, so
// the garbage collector keeps them until the call has used them.
var pinned [][]uint64

// kept and keptBytes hold the result of the last call until JavaScript
// has copied it; an encoded result has a typed variable of its own, which
// costs no allocation.
var (
	kept      any
	keptBytes []byte
)

// message and stack hold the last error's text while JavaScript reads it.
var message, stack string

//go:wasmexport gowasm__frame
func frameAddress() unsafe.Pointer { return unsafe.Pointer(&frame) }

// alloc returns an 8-byte aligned buffer of size bytes for JavaScript to
// fill with a parameter. It stays pinned until the next call ends.
//
//go:wasmexport gowasm__alloc
func alloc(size uint32) unsafe.Pointer {
	buf := make([]uint64, (uintptr(size)+7)/8)
	pinned = append(pinned, buf)
	return unsafe.Pointer(unsafe.SliceData(buf))
}

// Enter marks the start of a sync export call. If the call blocks, the
// shim returns before Leave and JavaScript sees the running state.
func Enter() {
	frame[FrameState] = uint32(StateRunning)
	kept, keptBytes = nil, nil
}

// Leave marks the successful end of a sync export call.
func Leave() {
	unpin()
	frame[FrameState] = uint32(StateOK)
}

// Fail ends a sync export call with err; JavaScript throws a GoError
// carrying err.Error(), or a TypeError naming the parameter for an
// *ArgumentError.
func Fail(err error) {
	unpin()
	if bad, ok := err.(*ArgumentError); ok {
		setText(FrameMessagePtr, &message, bad.Err.Error())
		setText(FrameStackPtr, &stack, bad.Param)
		frame[FrameState] = uint32(StateBadArgument)
		return
	}
	setText(FrameMessagePtr, &message, err.Error())
	frame[FrameState] = uint32(StateError)
}

// Decoded reports whether d, the decoder of parameter param, read a
// well-formed value and all its input; if not, it fails the call.
func Decoded(d *Decoder, param string) bool {
	if err := d.Finish(param); err != nil {
		Fail(err)
		return false
	}
	return true
}

// Recover must be deferred by every sync shim. It turns a panic into the
// panic state, with the panic message and the goroutine's stack, so the
// instance keeps serving.
func Recover() {
	v := recover()
	if v == nil {
		return
	}
	unpin()
	msg, trace := Recovered(v)
	setText(FrameMessagePtr, &message, msg)
	setText(FrameStackPtr, &stack, trace)
	frame[FrameState] = uint32(StatePanic)
}

func unpin() {
	clear(pinned)
	pinned = pinned[:0]
}

func setText(word int, keep *string, s string) {
	*keep = s
	frame[word] = uint32(uintptr(unsafe.Pointer(unsafe.StringData(s))))
	frame[word+1] = uint32(len(s))
}

// String returns the parameter JavaScript wrote at ptr. It aliases the
// pinned buffer, which nothing writes to again.
func String(ptr unsafe.Pointer, n int32) string {
	if n == 0 {
		return ""
	}
	return unsafe.String((*byte)(ptr), n)
}

// Numbers returns the TypedArray parameter JavaScript wrote at ptr, n
// elements long. Empty arrays arrive as empty, non-nil slices.
func Numbers[T Number](ptr unsafe.Pointer, n int32) []T {
	if n == 0 {
		return []T{}
	}
	return unsafe.Slice((*T)(ptr), n)
}

// Decode returns a decoder over the encoded parameter at ptr.
func Decode(ptr unsafe.Pointer, n int32) *Decoder {
	if n == 0 {
		return NewDecoder(nil)
	}
	return NewDecoder(unsafe.Slice((*byte)(ptr), n))
}

// ReturnString makes s the call's result.
func ReturnString(s string) {
	kept = s
	setResult(unsafe.Pointer(unsafe.StringData(s)), len(s))
}

// ReturnNumbers makes s the call's result, as a TypedArray.
func ReturnNumbers[T Number](s []T) {
	kept = s
	var zero T
	setResult(unsafe.Pointer(unsafe.SliceData(s)), len(s)*int(unsafe.Sizeof(zero)))
}

// ReturnEncoded makes the encoder's bytes the call's result, or fails the
// call if a value could not be encoded.
func ReturnEncoded(e *Encoder) bool {
	if e.Err() != nil {
		Fail(e.Err())
		return false
	}
	b := e.Bytes()
	keptBytes = b
	setResult(unsafe.Pointer(unsafe.SliceData(b)), len(b))
	return true
}

// resultEncoder is reused by every call: the previous result has been
// copied out by JavaScript before the next call starts.
var resultEncoder Encoder

// ResultEncoder returns an empty encoder for a composite result.
func ResultEncoder() *Encoder {
	resultEncoder.Reset()
	return &resultEncoder
}

// SafeInt converts an int result to a JavaScript number, failing the
// call when it would lose precision.
func SafeInt(v int) (float64, bool) {
	if !isSafeInt(v) {
		Fail(ErrUnsafeInteger)
		return 0, false
	}
	return float64(v), true
}

// SafeUint is SafeInt for uint.
func SafeUint(v uint) (float64, bool) {
	if !isSafeUint(v) {
		Fail(ErrUnsafeInteger)
		return 0, false
	}
	return float64(v), true
}

func setResult(ptr unsafe.Pointer, n int) {
	frame[FrameResultPtr] = uint32(uintptr(ptr))
	frame[FrameResultLen] = uint32(n)
}

// invokeTable holds the sync exports' invokers, indexed as gowasm bind
// numbers sync exports.
var invokeTable []Invoker

// Register installs the sync exports' invokers. Serve calls it under
// GOOS=js; under GOOS=wasip1 the generated module's init does, since a
// reactor (-buildmode=c-shared) never runs main.
func Register(invokers []Invoker) {
	invokeTable = invokers
}

// abi reports the wire format's version to hosts that have no Serve
// handshake: a WASI host reads it before the first call.
//
//go:wasmexport gowasm__abi
func abi() int32 { return ABIVersion }

// invoke runs sync export number index from the encoded arguments at
// ptr: the path a worker takes, where arguments arrive encoded by the
// calling thread. Its outcome is in the call frame, as for the shims.
//
//go:wasmexport gowasm__invoke
func invoke(index int32, ptr unsafe.Pointer, n int32) {
	invokeDecoder = Decoder{}
	if n > 0 {
		invokeDecoder.buf = unsafe.Slice((*byte)(ptr), n)
	}
	runInvoker(index, &invokeDecoder)
}

// invokeDecoder is reused by every invoke, and by a Go host's calls
// (gowasm__call): an invoker has decoded all its arguments before the
// export runs, so a call the export makes back into Go finds it free. A
// Decoder allocated per call was garbage that Go collected in pauses of
// milliseconds.
var invokeDecoder Decoder

// invokeEncoders are the result encoders of the invokes in progress, by
// depth, reused from call to call. Not resultEncoder: an invoker is handed
// its encoder before the export runs, and an export that calls back into
// Go (through a JavaScript function, say) would find the outer call's
// encoder and leave its own result in it, ahead of the outer call's.
var invokeEncoders []*Encoder

// invokeDepth is the number of invokes in progress.
var invokeDepth int

// runInvoker runs sync export number index on the arguments d decodes.
func runInvoker(index int32, d *Decoder) {
	defer Recover()
	Enter()
	if invokeDepth == len(invokeEncoders) {
		invokeEncoders = append(invokeEncoders, new(Encoder))
	}
	e := invokeEncoders[invokeDepth]
	e.Reset()
	invokeDepth++
	defer func() { invokeDepth-- }()
	if err := invokeTable[index](d, e); err != nil {
		Fail(err)
		return
	}
	if ReturnEncoded(e) {
		Leave()
	}
}
