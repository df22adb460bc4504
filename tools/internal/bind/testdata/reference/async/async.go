// Package async is a reference input of gowasm bind: async exports with
// callbacks, composite arguments and every result shape.
package async

import (
	"context"

	"github.com/gowasm/gowasm/wasmbridge"
)

// Item is work to hash.
type Item struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// Hash hashes items, reporting progress.
//
//gowasm:export
func Hash(ctx context.Context, items []Item, progress func(done, total int64)) (string, error) {
	return "", nil
}

//gowasm:export
func Wait(ctx context.Context) error { return ctx.Err() }

//gowasm:export
func Tick(ctx context.Context, n int32, each func(i int32, label string), done func()) {}

//gowasm:export
func Lookup(ctx context.Context, keys []string) map[string]Item { return nil }

// Digest takes bytes on the async path: a Uint8ClampedArray too, as on the sync path.
//
//gowasm:export
func Digest(ctx context.Context, data []byte) (string, error) { return "", nil }

// Checksum reads a Blob in chunks, however large.
//
//gowasm:export
func Checksum(ctx context.Context, src wasmbridge.Reader, progress func(done, total int64)) (uint32, error) {
	return 0, nil
}

// Stream hands each item, and its bytes, to callbacks: composite callback
// arguments are encoded through the codecs' pointer receivers.
//
//gowasm:export
func Stream(ctx context.Context, items []Item, each func(item Item), chunk func(data []byte, sizes []float64)) error {
	return nil
}
