// Package compute holds the demo application's kernels: ordinary Go
// functions, tested and benchmarked natively, exported to JavaScript by
// `gowasm bind` through their //gowasm:export directives.
package compute

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/gowasm/gowasm/wasmbridge"
)

// SHA256Hex returns the hex SHA-256 of data.
//
//gowasm:export
func SHA256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	// By hand: encoding/hex would link fmt (and reflect) into the wasm.
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(sum))
	for _, b := range sum {
		out = append(out, digits[b>>4], digits[b&15])
	}
	return string(out)
}

// Summary describes a sample of numbers.
type Summary struct {
	Count  int     `json:"count"`
	Mean   float64 `json:"mean"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	StdDev float64 `json:"stdDev"`
}

// Stats summarises values; an empty sample has NaN mean, min and max.
//
//gowasm:export
func Stats(values []float64) Summary {
	s := Summary{Count: len(values), Min: math.Inf(1), Max: math.Inf(-1)}
	if len(values) == 0 {
		return Summary{Mean: math.NaN(), Min: math.NaN(), Max: math.NaN(), StdDev: math.NaN()}
	}
	var sum float64
	for _, v := range values {
		sum += v
		s.Min = math.Min(s.Min, v)
		s.Max = math.Max(s.Max, v)
	}
	s.Mean = sum / float64(len(values))
	var sq float64
	for _, v := range values {
		sq += (v - s.Mean) * (v - s.Mean)
	}
	s.StdDev = math.Sqrt(sq / float64(len(values)))
	return s
}

// MaxPrimeLimit bounds Primes so that one call stays well under a frame.
const MaxPrimeLimit = 10_000_000

// Primes returns the primes below limit (sieve of Eratosthenes).
//
//gowasm:export
func Primes(limit int32) ([]int32, error) {
	if limit < 0 || limit > MaxPrimeLimit {
		return nil, errors.New("limit must be in [0, " + strconv.Itoa(MaxPrimeLimit) + "]")
	}
	composite := make([]bool, limit)
	var primes []int32
	for n := int32(2); n < limit; n++ {
		if composite[n] {
			continue
		}
		primes = append(primes, n)
		for m := int64(n) * int64(n); m < int64(limit); m += int64(n) {
			composite[m] = true
		}
	}
	return primes, nil
}

// Blur returns a box-blurred copy of RGBA pixels: each channel becomes
// the mean of the pixels within radius (clamped at the edges).
//
// Inputs are validated before any arithmetic, so that the function
// behaves the same natively and in wasm: Go leaves converting an
// out-of-range float to int implementation-defined (amd64 and wasm
// differ), and width*height may overflow.
//
//gowasm:export
func Blur(pix []byte, width, height int, radius float64) ([]byte, error) {
	if width < 0 || height < 0 || (width > 0 && height > len(pix)/4/width) || len(pix) != width*height*4 {
		return nil, errors.New("pix must hold width*height RGBA pixels (width " + strconv.Itoa(width) +
			", height " + strconv.Itoa(height) + "), got " + strconv.Itoa(len(pix)) + " bytes")
	}
	if !(radius >= 0) || math.IsInf(radius, 1) {
		return nil, errors.New("radius must be a finite, non-negative number")
	}
	// A radius past the image's larger side blurs as much as that side.
	r := int(min(radius, float64(max(width, height))))
	out := make([]byte, len(pix))
	// Two passes of a sliding-window box filter: horizontal, then vertical.
	tmp := make([]byte, len(pix))
	boxPass(pix, tmp, width, height, r, 4, width*4)
	boxPass(tmp, out, height, width, r, width*4, 4)
	return out, nil
}

// boxPass blurs n lines of length elements each; step is the byte
// distance between neighbours on a line, stride between lines.
func boxPass(src, dst []byte, length, n, r, step, stride int) {
	for line := range n {
		base := line * stride
		for c := range 4 {
			var sum, count int
			for i := 0; i <= r && i < length; i++ {
				sum += int(src[base+i*step+c])
				count++
			}
			for i := range length {
				dst[base+i*step+c] = byte((sum + count/2) / count)
				if j := i + r + 1; j < length {
					sum += int(src[base+j*step+c])
					count++
				}
				if j := i - r; j >= 0 {
					sum -= int(src[base+j*step+c])
					count--
				}
			}
		}
	}
}

// Countdown counts down from n, one step per interval milliseconds,
// reporting each step; it is async, so it may sleep.
//
//gowasm:export
func Countdown(ctx context.Context, n int32, intervalMS int32, progress func(left, total int32)) (string, error) {
	for left := n; left > 0; left-- {
		progress(left, n)
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(time.Duration(intervalMS) * time.Millisecond):
		}
	}
	progress(0, n)
	return "liftoff after " + strconv.Itoa(int(n)) + " steps", nil
}

// HashStream returns the hex SHA-256 of everything src delivers, reading
// it in chunks, so a file larger than memory can be hashed; progress
// reports the bytes read so far.
//
//gowasm:export
func HashStream(ctx context.Context, src wasmbridge.Reader, progress func(done, total int64)) (string, error) {
	h := sha256.New()
	buf := make([]byte, 256<<10)
	var done int64
	for {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		n, err := src.Read(buf)
		h.Write(buf[:n])
		done += int64(n)
		if n > 0 {
			progress(done, src.Size())
		}
		if err == io.EOF {
			return hex.EncodeToString(h.Sum(nil)), nil
		}
		if err != nil {
			return "", err
		}
	}
}
