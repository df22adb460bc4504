package imaging

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

func opaque(pix []byte) []byte {
	for i := 3; i < len(pix); i += 4 {
		pix[i] = 255
	}
	return pix
}

func TestResizeIdentity(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pix := opaque(randomImage(r, 13, 9))
	got, err := Resize(pix, 13, 9, 13, 9)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, pix) {
		t.Fatal("resizing to the same size changed an opaque image")
	}
	// Translucent pixels keep their colour; transparent ones become 0.
	pix = randomImage(r, 13, 9)
	got, _ = Resize(pix, 13, 9, 13, 9)
	for i := 0; i < len(pix); i += 4 {
		want := pix[i : i+4]
		if pix[i+3] == 0 {
			want = []byte{0, 0, 0, 0}
		}
		if !bytes.Equal(got[i:i+4], want) {
			t.Fatalf("pixel %d: %v, want %v", i/4, got[i:i+4], want)
		}
	}
	if top, bottom := ResizeSource(9, 9, 2, 5); top != 2 || bottom != 5 {
		t.Fatalf("ResizeSource(9, 9, 2, 5) = %d, %d", top, bottom)
	}
}

func TestResizeConstant(t *testing.T) {
	c := [4]byte{200, 13, 99, 255}
	in := constantImage(17, 11, c)
	for _, size := range [][2]int{{1, 1}, {3, 2}, {17, 11}, {40, 5}, {8, 33}, {170, 110}} {
		got, err := Resize(in, 17, 11, size[0], size[1])
		if err != nil {
			t.Fatal(err)
		}
		if want := constantImage(size[0], size[1], c); !bytes.Equal(got, want) {
			t.Fatalf("resize of a constant image to %v is not constant: %v…", size, got[:16])
		}
	}
	// Translucent constant colour too.
	c = [4]byte{200, 13, 99, 77}
	in = constantImage(17, 11, c)
	got, _ := Resize(in, 17, 11, 6, 29)
	if want := constantImage(6, 29, c); !bytes.Equal(got, want) {
		t.Fatalf("resize of a translucent constant image is not constant: %v…", got[:16])
	}
}

func TestResizeNoBleed(t *testing.T) {
	// Opaque red on the left, transparent green on the right: no green
	// may appear in any visible pixel.
	const w, h = 12, 4
	pix := make([]byte, 4*w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := pix[4*(y*w+x):]
			if x < w/2 {
				p[0], p[3] = 255, 255
			} else {
				p[1] = 255
			}
		}
	}
	for _, nw := range []int{5, 7, 12, 30} {
		got, err := Resize(pix, w, h, nw, 3)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(got); i += 4 {
			if got[i+1] != 0 || got[i+2] != 0 || (got[i+3] > 0 && got[i] != 255) {
				t.Fatalf("width %d pixel %d = %v", nw, i/4, got[i:i+4])
			}
		}
	}
}

func TestResizeDownscaleCheckerboard(t *testing.T) {
	const w, h = 40, 40
	pix := make([]byte, 4*w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := byte(255 * ((x + y) & 1))
			copy(pix[4*(y*w+x):], []byte{v, v, v, 255})
		}
	}
	got, err := Resize(pix, w, h, 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(got); i += 4 {
		if got[i] < 120 || got[i] > 135 || got[i+3] != 255 {
			t.Fatalf("pixel %d = %v, want about 127.5 gray", i/4, got[i:i+4])
		}
	}
}

// referenceResize is the same Lanczos-3 resampling in float64 with exact
// weights: a check on the fixed-point implementation.
func referenceResize(pix []byte, w, h, nw, nh int) []float64 {
	weights := func(in, out, i int) (int, []float64) {
		if in == out {
			return i, []float64{1}
		}
		scale := float64(in) / float64(out)
		fs := math.Max(scale, 1)
		center := (float64(i) + 0.5) * scale
		lo := max(0, int(math.Floor(center-3*fs)))
		hi := min(in, int(math.Ceil(center+3*fs)))
		var ws []float64
		total := 0.0
		for j := lo; j < hi; j++ {
			x := (float64(j) + 0.5 - center) / fs
			v := 0.0
			switch {
			case x == 0:
				v = 1
			case math.Abs(x) < 3:
				v = math.Sin(math.Pi*x) / (math.Pi * x) * math.Sin(math.Pi*x/3) / (math.Pi * x / 3)
			}
			ws = append(ws, v)
			total += v
		}
		for k := range ws {
			ws[k] /= total
		}
		return lo, ws
	}
	// Premultiplied horizontal pass.
	tmp := make([]float64, 4*nw*h)
	for y := 0; y < h; y++ {
		for x := 0; x < nw; x++ {
			lo, ws := weights(w, nw, x)
			for k, wt := range ws {
				p := pix[4*(y*w+lo+k):]
				a := float64(p[3])
				for c := 0; c < 3; c++ {
					tmp[4*(y*nw+x)+c] += wt * float64(p[c]) * a
				}
				tmp[4*(y*nw+x)+3] += wt * a
			}
		}
	}
	out := make([]float64, 4*nw*nh)
	for y := 0; y < nh; y++ {
		lo, ws := weights(h, nh, y)
		for x := 0; x < nw; x++ {
			var acc [4]float64
			for k, wt := range ws {
				for c := 0; c < 4; c++ {
					acc[c] += wt * tmp[4*((lo+k)*nw+x)+c]
				}
			}
			o := out[4*(y*nw+x):]
			o[3] = acc[3]
			for c := 0; c < 3; c++ {
				if acc[3] > 0 {
					o[c] = acc[c] / acc[3]
				}
			}
		}
	}
	return out
}

func TestResizeMatchesFloatReference(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	worst := 0.0
	for trial := 0; trial < 60; trial++ {
		w, h := 1+r.IntN(40), 1+r.IntN(40)
		nw, nh := 1+r.IntN(60), 1+r.IntN(60)
		pix := opaque(randomImage(r, w, h))
		got, err := Resize(pix, w, h, nw, nh)
		if err != nil {
			t.Fatal(err)
		}
		ref := referenceResize(pix, w, h, nw, nh)
		for i, v := range ref {
			want := math.Min(255, math.Max(0, v))
			if d := math.Abs(float64(got[i]) - want); d > worst {
				worst = d
			}
			if d := math.Abs(float64(got[i]) - want); d > 1.5 {
				t.Fatalf("%dx%d → %dx%d: byte %d = %d, reference %v", w, h, nw, nh, i, got[i], v)
			}
		}
	}
	t.Logf("largest difference from the float64 reference: %.3f", worst)
}

func TestResizeSource(t *testing.T) {
	for _, c := range [][2]int{{10, 10}, {100, 7}, {7, 100}, {1, 50}, {50, 1}, {1000, 999}, {3, 4}} {
		height, newHeight := c[0], c[1]
		prevTop, prevBottom := 0, 0
		for y := 0; y < newHeight; y++ {
			top, bottom := ResizeSource(height, newHeight, y, y+1)
			if top < prevTop || bottom < prevBottom || top >= bottom || top < 0 || bottom > height {
				t.Fatalf("%d→%d row %d: [%d, %d) after [%d, %d)", height, newHeight, y, top, bottom, prevTop, prevBottom)
			}
			ta := resizeTaps(height, newHeight, y)
			if ta.lo != top || ta.lo+len(ta.w) != bottom {
				t.Fatalf("%d→%d row %d: taps [%d, %d), ResizeSource [%d, %d)", height, newHeight, y, ta.lo, ta.lo+len(ta.w), top, bottom)
			}
			sum := int32(0)
			for _, w := range ta.w {
				sum += w
			}
			if sum != 1<<lanczosBits {
				t.Fatalf("%d→%d row %d: weights sum to %d", height, newHeight, y, sum)
			}
			prevTop, prevBottom = top, bottom
		}
		if top, bottom := ResizeSource(height, newHeight, 0, newHeight); top != 0 || bottom != height {
			t.Fatalf("%d→%d: the whole image needs [%d, %d)", height, newHeight, top, bottom)
		}
	}
	for _, c := range [][4]int{{0, 5, 0, 1}, {5, 0, 0, 1}, {5, 5, 3, 3}, {5, 5, 4, 2}} {
		if top, bottom := ResizeSource(c[0], c[1], c[2], c[3]); top != 0 || bottom != 0 {
			t.Fatalf("ResizeSource%v = %d, %d, want 0, 0", c, top, bottom)
		}
	}
}

func TestResizeBandsEqualResize(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	trials := 400
	if testing.Short() {
		trials = 80
	}
	for trial := 0; trial < trials; trial++ {
		w, h := 1+r.IntN(30), 1+r.IntN(40)
		nw, nh := 1+r.IntN(40), 1+r.IntN(50)
		pix := randomImage(r, w, h)
		whole, err := Resize(pix, w, h, nw, nh)
		if err != nil {
			t.Fatal(err)
		}
		cuts := randomSplit(r, nh)
		var joined []byte
		for i := 0; i+1 < len(cuts); i++ {
			from, to := cuts[i], cuts[i+1]
			top, bottom := ResizeSource(h, nh, from, to)
			if r.IntN(4) == 0 {
				top, bottom = max(0, top-r.IntN(3)), min(h, bottom+r.IntN(3))
			}
			src := append([]byte(nil), pix[4*w*top:4*w*bottom]...)
			part, err := ResizeRows(src, w, h, top, nw, nh, from, to)
			if err != nil {
				t.Fatalf("%dx%d→%dx%d rows [%d,%d) from [%d,%d): %v", w, h, nw, nh, from, to, top, bottom, err)
			}
			joined = append(joined, part...)
		}
		if !bytes.Equal(joined, whole) {
			t.Fatalf("%dx%d→%dx%d split %v: bands differ from Resize", w, h, nw, nh, cuts)
		}
	}
}

func BenchmarkResize(b *testing.B) {
	pix := benchImage(1920, 1080)
	for _, size := range []struct {
		name   string
		nw, nh int
	}{{"2MP-to-0.5MP", 960, 540}, {"2MP-to-thumb", 192, 108}, {"2MP-to-4.7MP", 2880, 1620}} {
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(pix)))
			for b.Loop() {
				if _, err := Resize(pix, 1920, 1080, size.nw, size.nh); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
