package wasmbridge

import "io"

// Invoker runs a sync export from encoded arguments and encodes its
// result. The generated main package has one per sync export: in worker
// and pool modes, the calling thread encodes the arguments and the
// worker runs the export through its Invoker instead of its typed shim.
type Invoker func(args *Decoder, result *Encoder) error

// Reader is a parameter type for a stream of bytes from JavaScript: the
// caller passes a Blob or a File, and Go reads it in chunks as it goes, so
// a file far larger than wasm memory can be hashed or parsed. Only async
// exports (context.Context first) take one, because reading waits on
// JavaScript. Native tests pass a *bytes.Reader or a *strings.Reader.
type Reader interface {
	io.Reader
	// Size is the stream's length in bytes, known before reading (Blob.size).
	Size() int64
}
