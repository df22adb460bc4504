package imaging

import "math"

// gaussBits is the fixed-point precision of the Gaussian weights: each
// pass's weights sum to exactly 1<<gaussBits.
const gaussBits = 16

// gaussRadius is the kernel's reach, ceil(3·sigma), for a valid sigma.
func gaussRadius(sigma float64) int { return int(math.Ceil(float64(3 * sigma))) }

// gaussWeights returns the one-sided quantised Gaussian q[0..R], R =
// ceil(3·sigma): q[0] + 2·(q[1] + … + q[R]) = 1<<gaussBits exactly. The
// weights are rounded cumulatively from the tail inwards, so each is
// within one unit of the exact weight and none is negative.
func gaussWeights(sigma float64) []int32 {
	r := gaussRadius(sigma)
	g := make([]float64, r+1)
	twoVar := float64(float64(2*sigma) * sigma)
	total := 0.0
	for k := range g {
		g[k] = expNeg(-float64(k*k) / twoVar)
		if k == 0 {
			total = g[0]
		} else {
			total += float64(2 * g[k])
		}
	}
	const one = 1 << gaussBits
	q := make([]int32, r+1)
	tail, prev := 0.0, int64(0)
	for k := r; k >= 1; k-- {
		tail += g[k]
		rounded := int64(math.Floor(float64(tail/total*one) + 0.5))
		q[k] = int32(rounded - prev)
		prev = rounded
	}
	q[0] = int32(one - 2*prev)
	return q
}

// gaussRows computes, for each output row y in [from, to), the Gaussian
// blur of the row's channels at full precision (the value times
// 1<<(2·gaussBits)) and hands it to emit with y. Vertical pass first
// (bytes to int32, one row), then horizontal (to int64), so the memory is
// two rows whatever the image.
func gaussRows(b band, from, to int, sigma float64, emit func(y int, sums []int64)) {
	q := gaussWeights(sigma)
	r := len(q) - 1
	stride := 4 * b.width
	pad := 4 * r
	v := make([]int32, pad+stride+pad)
	sums := make([]int64, stride)
	for y := from; y < to; y++ {
		gaussRow(b, y, q, v, sums)
		emit(y, sums)
	}
}

// gaussRow computes row y of the blur into sums, with v as scratch. It is
// a function of its own, called once per row, because V8 swaps a wasm
// function's quick first-tier code for its optimised code only when the
// function is next called: when one call looped over every row, a fresh
// instance's first blur of the 360×240 preview ran wholly in the first
// tier, 33–41 ms in Node 20 against 19–21 ms row by row (13 ms once warm).
func gaussRow(b band, y int, q []int32, v []int32, sums []int64) {
	r := len(q) - 1
	stride := 4 * b.width
	pad := 4 * r
	// Vertical: v[pad:pad+stride] = Σ q[|k|]·row(y+k).
	mid := v[pad : pad+stride]
	q0 := q[0]
	for i, c := range b.row(y) {
		mid[i] = q0 * int32(c)
	}
	for k := 1; k <= r; k++ {
		qk := q[k]
		if qk == 0 {
			continue
		}
		up, dn := b.row(y-k), b.row(y+k)
		dn = dn[:len(up)]
		mid := mid[:len(up)]
		for i := range up {
			mid[i] += qk * (int32(up[i]) + int32(dn[i]))
		}
	}
	// Clamp at the left and right edges: repeat the edge pixels.
	for x := 0; x < r; x++ {
		copy(v[4*x:4*x+4], mid[:4])
		copy(v[pad+stride+4*x:pad+stride+4*x+4], mid[stride-4:])
	}
	// Horizontal.
	q0l := int64(q0)
	for p, c := range mid {
		sums[p] = q0l * int64(c)
	}
	for k := 1; k <= r; k++ {
		qk := int64(q[k])
		if qk == 0 {
			continue
		}
		left, right := v[pad-4*k:pad-4*k+stride], v[pad+4*k:pad+4*k+stride]
		left, right = left[:len(sums)], right[:len(sums)]
		for p := range sums {
			sums[p] += qk * int64(left[p]+right[p])
		}
	}
}

func blur(b band, out []byte, from, to int, sigma float64) {
	stride := 4 * b.width
	const half = 1 << (2*gaussBits - 1)
	gaussRows(b, from, to, sigma, func(y int, sums []int64) {
		o := out[(y-from)*stride : (y-from+1)*stride]
		o = o[:len(sums)]
		for i, s := range sums {
			o[i] = byte((s + half) >> (2 * gaussBits))
		}
	})
}

// sharpen is an unsharp mask: c + amount·(c − blur(c)), the amount in
// steps of 1/4096, rounded half away from zero and clamped.
func sharpen(b band, out []byte, from, to int, sigma, amount float64) {
	stride := 4 * b.width
	a := int64(math.Floor(float64(amount*4096) + 0.5))
	const shift = 2*gaussBits + 12
	gaussRows(b, from, to, sigma, func(y int, sums []int64) {
		src := b.row(y)
		o := out[(y-from)*stride : (y-from+1)*stride]
		o, src = o[:len(sums)], src[:len(sums)]
		for i := 0; i+3 < len(sums); i += 4 {
			for c := i; c < i+3; c++ {
				d := int64(src[c])<<(2*gaussBits) - sums[c]
				o[c] = clamp8(int64(src[c]) + roundDiv(a*d, 1<<shift))
			}
			o[i+3] = src[i+3]
		}
	})
}

// luma is the BT.601 luma of an RGB pixel, rounded.
func luma(r, g, b byte) int32 {
	return (299*int32(r) + 587*int32(g) + 114*int32(b) + 500) / 1000
}

// lumaRow fills dst[1:width+1] with the luma of row's pixels and repeats
// the edge pixels in dst[0] and dst[width+1].
func lumaRow(row []byte, dst []int32) {
	w := len(row) / 4
	for x := 0; x < w; x++ {
		p := row[4*x : 4*x+4 : 4*x+4]
		dst[x+1] = luma(p[0], p[1], p[2])
	}
	dst[0], dst[w+1] = dst[1], dst[w]
}

// edges is the Sobel gradient magnitude of the luma, rounded and clamped
// to 255, as gray; alpha is kept.
func edges(b band, out []byte, from, to int) {
	w := b.width
	stride := 4 * w
	above, here, below := make([]int32, w+2), make([]int32, w+2), make([]int32, w+2)
	lumaRow(b.row(from-1), above)
	lumaRow(b.row(from), here)
	for y := from; y < to; y++ {
		lumaRow(b.row(y+1), below)
		src := b.row(y)
		o := out[(y-from)*stride : (y-from+1)*stride]
		for x := 1; x <= w; x++ {
			gx := (above[x+1] + 2*here[x+1] + below[x+1]) - (above[x-1] + 2*here[x-1] + below[x-1])
			gy := (below[x-1] + 2*below[x] + below[x+1]) - (above[x-1] + 2*above[x] + above[x+1])
			m := roundSqrt255(gx*gx + gy*gy)
			p := 4 * (x - 1)
			o[p], o[p+1], o[p+2], o[p+3] = m, m, m, src[p+3]
		}
		above, here, below = here, below, above
	}
}

// roundSqrt255 returns sqrt(n) rounded to the nearest integer, at most
// 255, for n ≥ 0 (an integer's square root is never a half).
func roundSqrt255(n int32) byte {
	if n >= 65281 { // 255.5² = 65280.25
		return 255
	}
	m := int32(math.Sqrt(float64(n)))
	for m*m > n {
		m--
	}
	for (m+1)*(m+1) <= n {
		m++
	}
	if n-m*m > m { // n > m² + m ⇔ sqrt(n) > m + ½
		m++
	}
	return byte(m)
}

// perPixel runs the filters that look at one pixel at a time.
func perPixel(b band, out []byte, from, to int, f Filter) {
	stride := 4 * b.width
	src := b.pix[(from-b.top)*stride : (to-b.top)*stride]
	src = src[:len(out)]
	switch f.Kind {
	case KindInvert:
		for i := 0; i+3 < len(src); i += 4 {
			out[i], out[i+1], out[i+2], out[i+3] = 255-src[i], 255-src[i+1], 255-src[i+2], src[i+3]
		}
	case KindGrayscale:
		for i := 0; i+3 < len(src); i += 4 {
			y := byte(luma(src[i], src[i+1], src[i+2]))
			out[i], out[i+1], out[i+2], out[i+3] = y, y, y, src[i+3]
		}
	case KindSepia:
		for i := 0; i+3 < len(src); i += 4 {
			r, g, b := uint32(src[i]), uint32(src[i+1]), uint32(src[i+2])
			out[i] = min8((393*r + 769*g + 189*b + 500) / 1000)
			out[i+1] = min8((349*r + 686*g + 168*b + 500) / 1000)
			out[i+2] = byte((272*r + 534*g + 131*b + 500) / 1000) // at most 239
			out[i+3] = src[i+3]
		}
	case KindTone:
		lut := toneTable(f.Brightness, f.Contrast)
		for i := 0; i+3 < len(src); i += 4 {
			out[i], out[i+1], out[i+2], out[i+3] = lut[src[i]], lut[src[i+1]], lut[src[i+2]], src[i+3]
		}
	}
}

func min8(v uint32) byte { return byte(min(v, 255)) }

// toneTable maps a channel value c to (c − 127.5)·k + 127.5 + 255·brightness,
// rounded half away from zero and clamped, where k = 1 + contrast for
// contrast ≤ 0 and 1 / (1 − contrast) above (+Inf at 1: a threshold).
func toneTable(brightness, contrast float64) *[256]byte {
	k := 1 + contrast
	if contrast > 0 {
		k = math.Inf(1)
		if contrast < 1 {
			k = 1 / (1 - contrast)
		}
	}
	shift := float64(255 * brightness)
	var lut [256]byte
	for c := range lut {
		v := float64(float64(float64(c)-127.5)*k) + 127.5 + shift
		switch {
		case !(v > 0):
			lut[c] = 0
		case v >= 255:
			lut[c] = 255
		default:
			lut[c] = byte(math.Floor(v + 0.5))
		}
	}
	return &lut
}
