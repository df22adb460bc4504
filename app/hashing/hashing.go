// Package hashing computes message digests for the demo application:
// of bytes in memory (Sum), or of a stream such as a File dropped on the
// page, in one pass for several algorithms at once (HashFile).
//
// The digests are implemented in this package (see digests.go) so that
// the wasm module carries no more than it needs; they are checked against
// Go's crypto packages in the tests.
package hashing

import (
	"context"
	"errors"
	"io"
	"strconv"

	"github.com/gowasm/gowasm/wasmbridge"
)

// Algorithm names a digest.
type Algorithm string

// The digests the package computes.
const (
	// SHA256 is SHA-256 (FIPS 180-4), 32 bytes.
	SHA256 Algorithm = "sha256"
	// SHA512 is SHA-512 (FIPS 180-4), 64 bytes.
	SHA512 Algorithm = "sha512"
	// MD5 is MD5 (RFC 1321), 16 bytes: for checksums only, it is broken
	// for security.
	MD5 Algorithm = "md5"
)

// ChunkSize is how much HashFile reads at a time: 1 MiB.
const ChunkSize = 1 << 20

func newHasher(a Algorithm) (hasher, error) {
	switch a {
	case SHA256:
		return newSHA256(), nil
	case SHA512:
		return newSHA512(), nil
	case MD5:
		return newMD5(), nil
	}
	return nil, errors.New("hashing: unknown algorithm " + strconv.Quote(string(a)) + " (want sha256, sha512 or md5)")
}

// Sum returns the digest of data as lowercase hex.
//
//gowasm:export
func Sum(data []byte, algorithm Algorithm) (string, error) {
	h, err := newHasher(algorithm)
	if err != nil {
		return "", err
	}
	h.write(data)
	return hexString(h.sum()), nil
}

// HashFile reads src once, in chunks of 1 MiB, and computes every
// requested digest of it at once. It returns a map from algorithm name to
// lowercase hex digest (an algorithm listed twice is computed once).
//
// progress, if not nil, is called after each chunk with the bytes read so
// far and src.Size(), and once with (0, 0) for an empty src. ctx is checked
// before each chunk: a cancelled call returns ctx.Err(). An empty
// algorithm list or an unknown name is an error, and so is a src whose
// length differs from its Size (a file changed while being read).
//
//gowasm:export
func HashFile(ctx context.Context, src wasmbridge.Reader, algorithms []Algorithm, progress func(done, total int64)) (map[string]string, error) {
	if len(algorithms) == 0 {
		return nil, errors.New("hashing: no algorithm requested")
	}
	names := make([]Algorithm, 0, len(algorithms))
	hashers := make([]hasher, 0, len(algorithms))
	for _, a := range algorithms {
		h, err := newHasher(a)
		if err != nil {
			return nil, err
		}
		dup := false
		for _, n := range names {
			dup = dup || n == a
		}
		if !dup {
			names = append(names, a)
			hashers = append(hashers, h)
		}
	}

	total := src.Size()
	// One byte more than src should hold, so that a short source shows at
	// once and a long one within a chunk.
	buf := make([]byte, min(ChunkSize, max(total, 0)+1))
	var done int64
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, err := io.ReadFull(src, buf)
		if n > 0 {
			for _, h := range hashers {
				h.write(buf[:n])
			}
			done += int64(n)
			if progress != nil {
				progress(done, total)
			}
		}
		if done > total {
			return nil, errors.New("hashing: the source is longer than its size, " + strconv.FormatInt(total, 10) + " bytes")
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if done != total {
		return nil, errors.New("hashing: read " + strconv.FormatInt(done, 10) + " bytes, but the source's size is " +
			strconv.FormatInt(total, 10))
	}
	if done == 0 && progress != nil {
		progress(0, 0)
	}
	out := make(map[string]string, len(names))
	for i, h := range hashers {
		out[string(names[i])] = hexString(h.sum())
	}
	return out, nil
}

// hexString is encoding/hex's EncodeToString, which would link fmt.
func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, v := range b {
		out[2*i], out[2*i+1] = digits[v>>4], digits[v&15]
	}
	return string(out)
}
