// The call path of a Go host (package host, on wazero): GOOS=wasip1
// only, so that browser modules carry none of it.

package wasmbridge

import "unsafe"

// input is a host's argument buffer (see gowasm__call), written by the
// host between calls. Decoding from it copies strings, so that nothing Go
// keeps aliases bytes the next call overwrites.
var input []byte

// inputBuffer returns the address of an input buffer of at least size
// bytes. A host calls it only when its arguments outgrow the last one,
// so that a call takes one crossing instead of an alloc and an invoke.
//
//go:wasmexport gowasm__input
func inputBuffer(size uint32) unsafe.Pointer {
	if uint32(cap(input)) < size {
		input = make([]byte, size)
	}
	return unsafe.Pointer(unsafe.SliceData(input[:cap(input)]))
}

// call runs sync export number index on the n encoded argument bytes the
// host wrote into the input buffer: gowasm__invoke for a host that reuses
// its buffer. Its outcome is in the call frame.
//
//go:wasmexport gowasm__call
func call(index, n int32) {
	invokeDecoder = Decoder{buf: input[:n], copyStrings: true}
	runInvoker(index, &invokeDecoder)
}
