package compute

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"testing"
)

func TestSHA256Hex(t *testing.T) {
	// FIPS 180-2 test vector.
	if got := SHA256Hex([]byte("abc")); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("SHA256Hex(abc) = %s", got)
	}
}

func TestStats(t *testing.T) {
	s := Stats([]float64{2, 4, 4, 4, 5, 5, 7, 9})
	if s.Count != 8 || s.Mean != 5 || s.Min != 2 || s.Max != 9 || s.StdDev != 2 {
		t.Fatalf("Stats = %+v", s)
	}
	if e := Stats(nil); e.Count != 0 || !math.IsNaN(e.Mean) || !math.IsNaN(e.StdDev) {
		t.Fatalf("Stats(nil) = %+v", e)
	}
}

func TestPrimesMatchTrialDivision(t *testing.T) {
	got, err := Primes(2000)
	if err != nil {
		t.Fatal(err)
	}
	var want []int32
	for n := int32(2); n < 2000; n++ {
		prime := true
		for d := int32(2); d*d <= n; d++ {
			if n%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			want = append(want, n)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Primes(2000) differs from trial division: %d vs %d primes", len(got), len(want))
	}
	if _, err := Primes(-1); err == nil {
		t.Fatal("Primes(-1) succeeded")
	}
}

func TestBlur(t *testing.T) {
	w, h := 7, 5
	pix := make([]byte, w*h*4)
	for i := range pix {
		pix[i] = byte(i * 37)
	}
	if same, _ := Blur(pix, w, h, 0); !bytes.Equal(same, pix) {
		t.Fatal("radius 0 changed the image")
	}
	flat := bytes.Repeat([]byte{10, 20, 30, 255}, w*h)
	if out, _ := Blur(flat, w, h, 3); !bytes.Equal(out, flat) {
		t.Fatal("blurring a flat image changed it")
	}
	// Against a direct mean over the clamped window.
	out, err := Blur(pix, w, h, 2)
	if err != nil {
		t.Fatal(err)
	}
	for y := range h {
		for x := range w {
			for c := range 4 {
				if got, want := out[(y*w+x)*4+c], naiveBlur(pix, w, h, x, y, c, 2); absDiff(got, want) > 1 {
					t.Fatalf("pixel (%d,%d) channel %d = %d, want %d±1", x, y, c, got, want)
				}
			}
		}
	}
	if _, err := Blur(pix[:5], w, h, 1); err == nil {
		t.Fatal("Blur accepted a short buffer")
	}
}

// Inputs whose arithmetic Go leaves implementation-defined (an infinite
// radius converted to int, width*height overflowing) must be refused or
// clamped the same way everywhere: make test runs this natively and
// under js/wasm.
func TestBlurEdgeInputsBehaveTheSameEverywhere(t *testing.T) {
	w, h := 4, 3
	pix := make([]byte, w*h*4)
	for i := range pix {
		pix[i] = byte(i * 53)
	}
	for _, radius := range []float64{math.Inf(1), math.Inf(-1), math.NaN(), -1, -1e-300} {
		if out, err := Blur(pix, w, h, radius); err == nil || out != nil {
			t.Errorf("Blur(radius %v) = %v, %v; want an error", radius, out, err)
		}
	}
	widest, err := Blur(pix, w, h, float64(max(w, h)))
	if err != nil {
		t.Fatal(err)
	}
	for _, radius := range []float64{1e300, math.MaxFloat64, float64(1 << 62)} {
		if out, err := Blur(pix, w, h, radius); err != nil || !bytes.Equal(out, widest) {
			t.Errorf("Blur(radius %v) = %v, want the blur of radius %d (the image's larger side)", radius, err, max(w, h))
		}
	}
	if out, err := Blur(pix, w, h, math.Copysign(0, -1)); err != nil || !bytes.Equal(out, pix) {
		t.Errorf("Blur(radius -0) = %v, want the image unchanged", err)
	}
	// width*height*4 wraps to 0 in 64 bits: an empty pix must not pass.
	if _, err := Blur(nil, 1<<31, 1<<31, 1); err == nil {
		t.Error("Blur accepted width*height that overflows")
	}
	if _, err := Blur(pix, -w, -h, 1); err == nil {
		t.Error("Blur accepted negative dimensions")
	}
}

// naiveBlur is the separable box filter computed directly: the mean of
// row means over the window clipped to the image.
func naiveBlur(pix []byte, w, h, x, y, c, r int) byte {
	var total float64
	var rows int
	for yy := max(0, y-r); yy <= min(h-1, y+r); yy++ {
		var sum, n int
		for xx := max(0, x-r); xx <= min(w-1, x+r); xx++ {
			sum += int(pix[(yy*w+xx)*4+c])
			n++
		}
		total += math.Floor(float64(sum)/float64(n) + 0.5)
		rows++
	}
	return byte(math.Floor(total/float64(rows) + 0.5))
}

func absDiff(a, b byte) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestCountdown(t *testing.T) {
	var steps []int32
	msg, err := Countdown(context.Background(), 3, 1, func(left, total int32) { steps = append(steps, left) })
	if err != nil || msg != "liftoff after 3 steps" || !slices.Equal(steps, []int32{3, 2, 1, 0}) {
		t.Fatalf("Countdown = %q, %v, steps %v", msg, err, steps)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Countdown(ctx, 3, 1000, func(int32, int32) {}); err != context.Canceled {
		t.Fatalf("cancelled Countdown err = %v", err)
	}
}

func BenchmarkBlur(b *testing.B) {
	pix := make([]byte, 512*512*4)
	b.SetBytes(int64(len(pix)))
	for b.Loop() {
		Blur(pix, 512, 512, 4)
	}
}

func TestHashStream(t *testing.T) {
	data := bytes.Repeat([]byte("gowasm "), 200_000) // several chunks and a short last one
	var last, total int64
	got, err := HashStream(context.Background(), bytes.NewReader(data), func(done, size int64) {
		if done < last {
			t.Errorf("progress went back from %d to %d", last, done)
		}
		last, total = done, size
	})
	want := sha256.Sum256(data)
	if err != nil || got != hex.EncodeToString(want[:]) || got != SHA256Hex(data) {
		t.Fatalf("HashStream = %q, %v; want %x", got, err, want)
	}
	if last != int64(len(data)) || total != int64(len(data)) {
		t.Errorf("progress ended at %d of %d, want %d of %d", last, total, len(data), len(data))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := HashStream(ctx, bytes.NewReader(data), func(int64, int64) {}); err != context.Canceled {
		t.Errorf("cancelled HashStream err = %v", err)
	}
}
