package async

import (
	"context"
	"errors"
	"io"
	"syscall/js"

	"github.com/gowasm/gowasm/wasmbridge"
)

// chunkSize is how much of a Blob one JavaScript read fetches. Large
// enough that the round trip through a Promise (tens of microseconds) is
// noise, small enough that memory stays flat whatever the Blob's size.
const chunkSize = 1 << 20

// NewReader returns the wasmbridge.Reader over blob, a JavaScript Blob or
// File passed for a Reader parameter. Reads fail with ctx's error once
// the call is cancelled.
func NewReader(ctx context.Context, blob js.Value) wasmbridge.Reader {
	return &blobReader{ctx: ctx, blob: blob, size: int64(blob.Get("size").Float())}
}

type blobReader struct {
	ctx     context.Context
	blob    js.Value
	size    int64
	offset  int64  // of the next chunk to fetch
	pending []byte // fetched but not yet read
}

func (r *blobReader) Size() int64 { return r.size }

func (r *blobReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(r.pending) == 0 {
		if r.offset >= r.size {
			return 0, io.EOF
		}
		if err := r.fetch(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

// fetch reads the next chunk: blob.slice(offset, end).arrayBuffer().
func (r *blobReader) fetch() error {
	end := min(r.offset+chunkSize, r.size)
	buffer, err := await(r.ctx, r.blob.Call("slice", r.offset, end).Call("arrayBuffer"))
	if err != nil {
		return err
	}
	bytes := uint8Array.New(buffer)
	if cap(r.pending) < bytes.Length() {
		r.pending = make([]byte, bytes.Length())
	}
	r.pending = r.pending[:bytes.Length()]
	js.CopyBytesToGo(r.pending, bytes)
	r.offset = end
	return nil
}

// await waits for a JavaScript Promise on this goroutine.
func await(ctx context.Context, promise js.Value) (js.Value, error) {
	type outcome struct {
		value js.Value
		err   error
	}
	done := make(chan outcome, 1)
	// The Promise may settle after a cancelled call has returned, so the
	// callbacks release themselves when it does rather than on return.
	var onValue, onError js.Func
	settle := func(o outcome) {
		done <- o
		onValue.Release()
		onError.Release()
	}
	onValue = js.FuncOf(func(_ js.Value, args []js.Value) any {
		settle(outcome{value: args[0]})
		return nil
	})
	onError = js.FuncOf(func(_ js.Value, args []js.Value) any {
		settle(outcome{err: errors.New("reading the Blob: " + js.Global().Get("String").Invoke(args[0]).String())})
		return nil
	})
	promise.Call("then", onValue, onError)
	select {
	case o := <-done:
		return o.value, o.err
	case <-ctx.Done():
		return js.Value{}, ctx.Err()
	}
}
