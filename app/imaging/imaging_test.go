package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// px builds an image from pixels given as [4]byte.
func px(p ...[4]byte) []byte {
	var out []byte
	for _, q := range p {
		out = append(out, q[:]...)
	}
	return out
}

func TestPerPixelKnownValues(t *testing.T) {
	red, green, blue := [4]byte{255, 0, 0, 255}, [4]byte{0, 255, 0, 200}, [4]byte{0, 0, 255, 7}
	white, black, gray := [4]byte{255, 255, 255, 255}, [4]byte{0, 0, 0, 0}, [4]byte{100, 100, 100, 128}
	tests := []struct {
		name string
		f    Filter
		in   []byte
		want []byte
	}{
		{"invert", Filter{Kind: KindInvert}, px([4]byte{10, 20, 30, 40}, white), px([4]byte{245, 235, 225, 40}, [4]byte{0, 0, 0, 255})},
		// (299·R + 587·G + 114·B + 500) / 1000: red 76.745, green 150.185, blue 29.57.
		{"grayscale", Filter{Kind: KindGrayscale}, px(red, green, blue, white, black),
			px([4]byte{76, 76, 76, 255}, [4]byte{150, 150, 150, 200}, [4]byte{29, 29, 29, 7}, white, black)},
		// Sepia of white: R 1.351·255 and G 1.203·255 clamp, B 0.937·255 = 238.935.
		// Of 100: R 135.1, G 120.3, B 93.7.
		{"sepia", Filter{Kind: KindSepia}, px(white, black, gray),
			px([4]byte{255, 255, 239, 255}, black, [4]byte{135, 120, 94, 128})},
		// Brightness 0.5 adds 127.5: 0 → 127.5 → 128, 100 → 227.5 → 228, 200 → 255.
		{"brightness", Filter{Kind: KindTone, Brightness: 0.5}, px([4]byte{0, 100, 200, 9}),
			px([4]byte{128, 228, 255, 9})},
		{"darken", Filter{Kind: KindTone, Brightness: -1}, px(white), px([4]byte{0, 0, 0, 255})},
		// Contrast −1 flattens to 127.5 → 128; contrast 1 thresholds at 127.5.
		{"flat", Filter{Kind: KindTone, Contrast: -1}, px([4]byte{0, 127, 255, 3}), px([4]byte{128, 128, 128, 3})},
		{"threshold", Filter{Kind: KindTone, Contrast: 1}, px([4]byte{127, 128, 0, 3}), px([4]byte{0, 255, 0, 3})},
		// Contrast 0.5 doubles the distance to 127.5: 100 → 72.5 → 73, 127 → 126.5 → 127, 200 → 272.5.
		{"contrast", Filter{Kind: KindTone, Contrast: 0.5}, px([4]byte{100, 127, 200, 3}), px([4]byte{73, 127, 255, 3})},
		// Contrast −0.5 halves it: 0 → 63.75 → 64, 255 → 191.25 → 191.
		{"soften", Filter{Kind: KindTone, Contrast: -0.5}, px([4]byte{0, 255, 128, 3}), px([4]byte{64, 191, 128, 3})},
		{"sharpen-zero", Filter{Kind: KindSharpen, Radius: 2, Amount: 0}, px(red, green, blue), px(red, green, blue)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Apply(tt.in, len(tt.in)/4, 1, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Fatalf("Apply(%v, %+v) = %v, want %v", tt.in, tt.f, got, tt.want)
			}
		})
	}
}

func TestToneIdentity(t *testing.T) {
	in := make([]byte, 4*256)
	for i := range in {
		in[i] = byte(i / 4)
		if i%4 == 3 {
			in[i] = byte(i)
		}
	}
	got, err := Apply(in, 16, 16, Filter{Kind: KindTone})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, in) {
		t.Fatal("tone 0/0 is not the identity")
	}
}

func TestEdgesKnownValues(t *testing.T) {
	// Rows of luma 0 0 10 10 (gray pixels): the horizontal Sobel at x = 1
	// and 2 is 4·10 − 4·0 = 40; at the clamped edges it is 0.
	row := px([4]byte{0, 0, 0, 255}, [4]byte{0, 0, 0, 254}, [4]byte{10, 10, 10, 253}, [4]byte{10, 10, 10, 252})
	in := append(append(append([]byte{}, row...), row...), row...)
	got, err := Apply(in, 4, 3, Filter{Kind: KindEdges})
	if err != nil {
		t.Fatal(err)
	}
	wantRow := px([4]byte{0, 0, 0, 255}, [4]byte{40, 40, 40, 254}, [4]byte{40, 40, 40, 253}, [4]byte{0, 0, 0, 252})
	want := append(append(append([]byte{}, wantRow...), wantRow...), wantRow...)
	if !bytes.Equal(got, want) {
		t.Fatalf("edges = %v, want %v", got, want)
	}
	// A diagonal-free step of 255 saturates: √(1020²) > 255.
	row = px([4]byte{0, 0, 0, 255}, [4]byte{255, 255, 255, 255})
	got, _ = Apply(row, 2, 1, Filter{Kind: KindEdges})
	if want := px([4]byte{255, 255, 255, 255}, [4]byte{255, 255, 255, 255}); !bytes.Equal(got, want) {
		t.Fatalf("edges of a hard step = %v, want %v", got, want)
	}
}

func TestRoundSqrt(t *testing.T) {
	for n := int32(0); n < 70000; n++ {
		want := math.Min(255, math.Floor(math.Sqrt(float64(n))+0.5))
		if got := roundSqrt255(n); float64(got) != want {
			t.Fatalf("roundSqrt255(%d) = %d, want %v", n, got, want)
		}
	}
}

func constantImage(w, h int, c [4]byte) []byte {
	return bytes.Repeat(c[:], w*h)
}

func TestConstantImages(t *testing.T) {
	c := [4]byte{12, 200, 77, 130}
	in := constantImage(9, 7, c)
	for _, f := range []Filter{
		{Kind: KindBlur, Radius: 0.3}, {Kind: KindBlur, Radius: 1}, {Kind: KindBlur, Radius: 2.5}, {Kind: KindBlur, Radius: 40},
		{Kind: KindSharpen, Radius: 1, Amount: 5}, {Kind: KindSharpen, Radius: 30, Amount: 1.7},
	} {
		got, err := Apply(in, 9, 7, f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, in) {
			t.Errorf("%+v of a constant image = %v…, want it unchanged", f, got[:8])
		}
	}
	got, err := Apply(in, 9, 7, Filter{Kind: KindEdges})
	if err != nil {
		t.Fatal(err)
	}
	if want := constantImage(9, 7, [4]byte{0, 0, 0, 130}); !bytes.Equal(got, want) {
		t.Errorf("edges of a constant image = %v…, want 0 with alpha kept", got[:8])
	}
}

func TestGaussWeights(t *testing.T) {
	for _, sigma := range []float64{1e-9, 0.1, 0.5, 1, 1.5, 3, 7.7, 33, 100} {
		q := gaussWeights(sigma)
		if len(q) != Halo(Filter{Kind: KindBlur, Radius: sigma})+1 {
			t.Fatalf("sigma %v: %d weights, halo %d", sigma, len(q), Halo(Filter{Kind: KindBlur, Radius: sigma}))
		}
		sum := int64(q[0])
		for k := 1; k < len(q); k++ {
			sum += 2 * int64(q[k])
			if q[k] < 0 {
				t.Fatalf("sigma %v: negative weights: %v", sigma, q)
			}
		}
		if sum != 1<<gaussBits {
			t.Fatalf("sigma %v: weights sum to %d", sigma, sum)
		}
		// Against the exact normalised Gaussian, within one unit.
		var total float64
		for k := -len(q) + 1; k < len(q); k++ {
			total += math.Exp(-float64(k*k) / (2 * sigma * sigma))
		}
		for k := range q {
			exact := math.Exp(-float64(k*k)/(2*sigma*sigma)) / total * (1 << gaussBits)
			if math.Abs(float64(q[k])-exact) > 1.01 {
				t.Fatalf("sigma %v: q[%d] = %d, exact %v", sigma, k, q[k], exact)
			}
		}
	}
}

func TestBlurImpulse(t *testing.T) {
	// A single bright pixel spreads symmetrically and keeps (about) its mass.
	const w, h = 15, 15
	in := make([]byte, 4*w*h)
	c := 4 * (7*w + 7)
	in[c], in[c+1], in[c+2], in[c+3] = 255, 255, 255, 255
	got, err := Apply(in, w, h, Filter{Kind: KindBlur, Radius: 1.5})
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := got[4*(y*w+x)]
			sum += int(v)
			for _, m := range [][2]int{{w - 1 - x, y}, {x, h - 1 - y}, {y, x}} {
				if o := got[4*(m[1]*w+m[0])]; o != v {
					t.Fatalf("blur not symmetric at (%d,%d): %d vs %d", x, y, v, o)
				}
			}
		}
	}
	if sum < 240 || sum > 270 {
		t.Fatalf("blurred impulse has mass %d, want about 255", sum)
	}
	if got[c] <= got[c+4] || got[c+4] <= got[c+8] {
		t.Fatalf("blurred impulse not peaked: %d %d %d", got[c], got[c+4], got[c+8])
	}
}

func TestValidation(t *testing.T) {
	ok := make([]byte, 4*6)
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"zero width", func() error { _, err := Apply(nil, 0, 3, Filter{Kind: KindInvert}); return err }, "size 0×3 is empty"},
		{"negative height", func() error { _, err := Apply(nil, 3, -1, Filter{Kind: KindInvert}); return err }, "size 3×-1"},
		{"too big", func() error { _, err := Apply(nil, 10000, 5001, Filter{Kind: KindInvert}); return err }, "exceeds 50 megapixels"},
		{"overflowing", func() error { _, err := Apply(nil, 1<<40, 1<<40, Filter{Kind: KindInvert}); return err }, "exceeds 50 megapixels"},
		{"short pix", func() error { _, err := Apply(ok[:20], 3, 2, Filter{Kind: KindInvert}); return err }, "len(pix) is 20, want 4·width·height = 24"},
		{"radius 0", func() error { _, err := Apply(ok, 3, 2, Filter{Kind: KindBlur}); return err }, "imaging: radius 0 out of range (0, 100]"},
		{"radius NaN", func() error { _, err := Apply(ok, 3, 2, Filter{Kind: KindBlur, Radius: math.NaN()}); return err }, "radius NaN out of range"},
		{"radius big", func() error {
			_, err := Apply(ok, 3, 2, Filter{Kind: KindSharpen, Radius: 100.5, Amount: 1})
			return err
		}, "radius 100.5 out of range"},
		{"amount", func() error {
			_, err := Apply(ok, 3, 2, Filter{Kind: KindSharpen, Radius: 1, Amount: 5.01})
			return err
		}, "amount 5.01 out of range [0, 5]"},
		{"amount negative", func() error { _, err := Apply(ok, 3, 2, Filter{Kind: KindSharpen, Radius: 1, Amount: -1}); return err }, "amount -1 out of range"},
		{"brightness", func() error { _, err := Apply(ok, 3, 2, Filter{Kind: KindTone, Brightness: 1.5}); return err }, "brightness 1.5 out of range [-1, 1]"},
		{"contrast", func() error { _, err := Apply(ok, 3, 2, Filter{Kind: KindTone, Contrast: -2}); return err }, "contrast -2 out of range [-1, 1]"},
		{"kind", func() error { _, err := Apply(ok, 3, 2, Filter{Kind: "emboss"}); return err }, `unknown filter kind "emboss"`},
		{"no kind", func() error { _, err := Apply(ok, 3, 2, Filter{}); return err }, "filter kind missing"},
		{"ragged src", func() error { _, err := ApplyRows(ok[:10], 3, 2, 0, 0, 1, Filter{Kind: KindInvert}); return err }, "len(src) is 10, not a whole number of rows of 4·width = 12 bytes"},
		{"rows backwards", func() error { _, err := ApplyRows(ok, 3, 2, 0, 2, 1, Filter{Kind: KindInvert}); return err }, "rows [2, 1) are not a range within [0, 2)"},
		{"rows past end", func() error { _, err := ApplyRows(ok, 3, 2, 0, 0, 3, Filter{Kind: KindInvert}); return err }, "rows [0, 3)"},
		{"src past end", func() error { _, err := ApplyRows(ok, 3, 2, 1, 0, 1, Filter{Kind: KindInvert}); return err }, "src rows [1, 3) are not within the image's [0, 2)"},
		{"src misses halo", func() error {
			_, err := ApplyRows(make([]byte, 4*3*2), 3, 10, 4, 4, 6, Filter{Kind: KindEdges})
			return err
		}, "src holds rows [4, 6), but rows [4, 6) with a halo of 1 need [3, 7)"},
		{"src misses rows", func() error {
			_, err := ApplyRows(make([]byte, 4*3*2), 3, 10, 0, 4, 6, Filter{Kind: KindInvert})
			return err
		}, "need [4, 6)"},
		{"resize to zero", func() error { _, err := Resize(ok, 3, 2, 0, 5); return err }, "new size 0×5 is empty"},
		{"resize too big", func() error { _, err := Resize(ok, 3, 2, 50001, 1000); return err }, "new size 50001×1000 exceeds 50 megapixels"},
		{"resize short", func() error { _, err := Resize(ok[:4], 3, 2, 1, 1); return err }, "len(pix) is 4"},
		{"resize rows", func() error { _, err := ResizeRows(ok, 3, 2, 0, 4, 4, 3, 5); return err }, "rows [3, 5) are not a range within [0, 4)"},
		{"resize src", func() error {
			_, err := ResizeRows(make([]byte, 4*3*2), 3, 20, 0, 3, 10, 8, 10)
			return err
		}, "src holds rows [0, 2), but output rows [8, 10) need"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "imaging: ") {
				t.Fatalf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
	if h := Halo(Filter{Kind: KindBlur, Radius: 1e300}); h != 0 {
		t.Fatalf("Halo of an invalid filter = %d", h)
	}
	if got, err := ApplyRows(nil, 3, 2, 0, 1, 1, Filter{Kind: KindBlur, Radius: 3}); err != nil || len(got) != 0 {
		t.Fatalf("empty band = %v, %v", got, err)
	}
}

func TestHalo(t *testing.T) {
	for _, c := range []struct {
		f    Filter
		want int
	}{
		{Filter{Kind: KindInvert}, 0}, {Filter{Kind: KindTone, Brightness: 0.2}, 0},
		{Filter{Kind: KindEdges}, 1}, {Filter{Kind: KindBlur, Radius: 1}, 3},
		{Filter{Kind: KindBlur, Radius: 1.01}, 4}, {Filter{Kind: KindSharpen, Radius: 0.1, Amount: 1}, 1},
		{Filter{Kind: KindBlur, Radius: 100}, 300},
	} {
		if got := Halo(c.f); got != c.want {
			t.Errorf("Halo(%+v) = %d, want %d", c.f, got, c.want)
		}
	}
}

func randomImage(r *rand.Rand, w, h int) []byte {
	pix := make([]byte, 4*w*h)
	// Mostly smooth with noise and some flat areas, so clamping paths run.
	for i := range pix {
		switch r.IntN(4) {
		case 0:
			pix[i] = byte(r.IntN(256))
		case 1:
			pix[i] = 255
		default:
			pix[i] = byte((i/4)%w*7 + i/(4*w)*3)
		}
	}
	return pix
}

func randomFilter(r *rand.Rand) Filter {
	kinds := []Kind{KindBlur, KindSharpen, KindGrayscale, KindSepia, KindTone, KindInvert, KindEdges}
	f := Filter{Kind: kinds[r.IntN(len(kinds))]}
	switch f.Kind {
	case KindBlur, KindSharpen:
		f.Radius = 0.05 + r.Float64()*4
		if r.IntN(6) == 0 {
			f.Radius = 5 + r.Float64()*30 // a halo taller than the image
		}
		f.Amount = r.Float64() * 5
	case KindTone:
		f.Brightness = r.Float64()*2 - 1
		f.Contrast = r.Float64()*2 - 1
		if r.IntN(5) == 0 {
			f.Contrast = 1
		}
	}
	return f
}

// randomSplit cuts [0, n) into bands, often of one row.
func randomSplit(r *rand.Rand, n int) []int {
	cuts := []int{0}
	for at := 0; at < n; {
		step := 1 + r.IntN(max(1, n/2))
		if r.IntN(3) == 0 {
			step = 1
		}
		at = min(n, at+step)
		cuts = append(cuts, at)
	}
	return cuts
}

func TestBandsEqualApply(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	trials := 600
	if testing.Short() {
		trials = 100
	}
	for trial := 0; trial < trials; trial++ {
		w, h := 1+r.IntN(24), 1+r.IntN(30)
		pix := randomImage(r, w, h)
		f := randomFilter(r)
		whole, err := Apply(pix, w, h, f)
		if err != nil {
			t.Fatal(err)
		}
		halo := Halo(f)
		cuts := randomSplit(r, h)
		var joined []byte
		for i := 0; i+1 < len(cuts); i++ {
			from, to := cuts[i], cuts[i+1]
			lo, hi := max(0, from-halo), min(h, to+halo)
			if r.IntN(4) == 0 { // sometimes more rows than needed
				lo, hi = max(0, lo-r.IntN(3)), min(h, hi+r.IntN(3))
			}
			src := append([]byte(nil), pix[4*w*lo:4*w*hi]...)
			part, err := ApplyRows(src, w, h, lo, from, to, f)
			if err != nil {
				t.Fatalf("%dx%d %+v rows [%d,%d) from [%d,%d): %v", w, h, f, from, to, lo, hi, err)
			}
			joined = append(joined, part...)
		}
		if !bytes.Equal(joined, whole) {
			t.Fatalf("%dx%d %+v split %v: bands differ from Apply", w, h, f, cuts)
		}
	}
}

// TestBandsNeedTheirHalo checks that Halo is not larger than needed in
// the sense that matters: a band given one row fewer is refused, never
// silently wrong.
func TestBandsNeedTheirHalo(t *testing.T) {
	w, h := 5, 20
	pix := randomImage(rand.New(rand.NewPCG(3, 4)), w, h)
	for _, f := range []Filter{{Kind: KindBlur, Radius: 1.2}, {Kind: KindEdges}, {Kind: KindSharpen, Radius: 2, Amount: 1}} {
		halo := Halo(f)
		from, to := 8, 12
		if _, err := ApplyRows(pix[4*w*(from-halo+1):4*w*(to+halo)], w, h, from-halo+1, from, to, f); err == nil {
			t.Errorf("%+v: a band missing a row above was accepted", f)
		}
		if _, err := ApplyRows(pix[4*w*(from-halo):4*w*(to+halo-1)], w, h, from-halo, from, to, f); err == nil {
			t.Errorf("%+v: a band missing a row below was accepted", f)
		}
	}
}

func TestDetMath(t *testing.T) {
	for x := 0.0; x > -60; x -= 0.0137 {
		want := math.Exp(x)
		if got := expNeg(x); math.Abs(got-want) > 1e-14*want {
			t.Fatalf("expNeg(%v) = %v, want %v", x, got, want)
		}
	}
	if expNeg(-800) != 0 || expNeg(math.Inf(-1)) != 0 || expNeg(0) != 1 {
		t.Fatal("expNeg at the ends")
	}
	for x := -700.0; x < 700; x += 0.0173 {
		want := math.Sin(math.Pi * x)
		if got := sinPi(x); math.Abs(got-want) > 1e-12 {
			t.Fatalf("sinPi(%v) = %v, want %v", x, got, want)
		}
	}
	for n := -50.0; n <= 50; n++ {
		if sinPi(n) != 0 {
			t.Fatalf("sinPi(%v) = %v", n, sinPi(n))
		}
	}
	if lanczos3(0) != 1 || lanczos3(3) != 0 || lanczos3(-3.5) != 0 || lanczos3(1) != 0 {
		t.Fatal("lanczos3 at its zeros")
	}
	if got, want := lanczos3(0.5), math.Sin(math.Pi/2)/(math.Pi/2)*math.Sin(math.Pi/6)/(math.Pi/6); math.Abs(got-want) > 1e-15 {
		t.Fatalf("lanczos3(0.5) = %v, want %v", got, want)
	}
}

// TestGolden pins the output bytes of every kernel on a fixed image. The
// same test runs under GOOS=js GOARCH=wasm (in Node), so the digest
// proves the arithmetic identical on both.
func TestGolden(t *testing.T) {
	const w, h = 37, 29
	pix := make([]byte, 4*w*h)
	s := uint32(12345)
	for i := range pix {
		s = s*1664525 + 1013904223
		pix[i] = byte(s >> 24)
	}
	sum := sha256.New()
	for _, f := range []Filter{
		{Kind: KindBlur, Radius: 0.7}, {Kind: KindBlur, Radius: 2.3}, {Kind: KindBlur, Radius: 13},
		{Kind: KindSharpen, Radius: 1.1, Amount: 1.3}, {Kind: KindSharpen, Radius: 3.7, Amount: 4.9},
		{Kind: KindGrayscale}, {Kind: KindSepia}, {Kind: KindInvert}, {Kind: KindEdges},
		{Kind: KindTone, Brightness: 0.13, Contrast: 0.37}, {Kind: KindTone, Brightness: -0.4, Contrast: -0.61},
	} {
		out, err := Apply(pix, w, h, f)
		if err != nil {
			t.Fatal(err)
		}
		sum.Write(out)
	}
	for _, size := range [][2]int{{37, 29}, {13, 11}, {5, 70}, {91, 64}, {1, 1}, {200, 3}} {
		out, err := Resize(pix, w, h, size[0], size[1])
		if err != nil {
			t.Fatal(err)
		}
		sum.Write(out)
	}
	const want = "aedaf39a273e53ee5ac39ee6f1eb7b47bd4439342770df21f22611ac7faec650"
	if got := hex.EncodeToString(sum.Sum(nil)); got != want {
		t.Fatalf("digest of the kernels' output = %s, want %s", got, want)
	}
}

var benchSizes = []struct {
	name string
	w, h int
}{{"2MP", 1920, 1080}}

func benchImage(w, h int) []byte {
	return randomImage(rand.New(rand.NewPCG(5, 6)), w, h)
}

func BenchmarkApply(b *testing.B) {
	for _, size := range benchSizes {
		pix := benchImage(size.w, size.h)
		for _, f := range []Filter{
			{Kind: KindBlur, Radius: 2}, {Kind: KindSharpen, Radius: 1, Amount: 1.5},
			{Kind: KindGrayscale}, {Kind: KindSepia}, {Kind: KindTone, Brightness: 0.1, Contrast: 0.2},
			{Kind: KindInvert}, {Kind: KindEdges},
		} {
			b.Run(fmt.Sprintf("%s-%s", f.Kind, size.name), func(b *testing.B) {
				b.SetBytes(int64(len(pix)))
				for b.Loop() {
					if _, err := Apply(pix, size.w, size.h, f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkApplyBlurRadius(b *testing.B) {
	pix := benchImage(1000, 1000)
	for _, sigma := range []float64{1, 5, 20} {
		b.Run(fmt.Sprintf("sigma%g-1MP", sigma), func(b *testing.B) {
			b.SetBytes(int64(len(pix)))
			for b.Loop() {
				if _, err := Apply(pix, 1000, 1000, Filter{Kind: KindBlur, Radius: sigma}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
