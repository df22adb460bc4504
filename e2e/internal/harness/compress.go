package harness

import (
	"bytes"
	"compress/gzip"

	"github.com/andybalholm/brotli"
)

// Compress returns raw gzipped and brotli-compressed at their best
// levels, as gowasm build writes a file's .gz and .br siblings.
func Compress(raw []byte) (gz, br []byte) {
	var g, b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	bw := brotli.NewWriterLevel(&b, brotli.BestCompression)
	bw.Write(raw)
	bw.Close()
	return g.Bytes(), b.Bytes()
}
