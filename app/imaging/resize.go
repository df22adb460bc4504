package imaging

import (
	"errors"
	"math"
	"strconv"
)

// lanczosBits is the fixed-point precision of the resampling weights: the
// weights of one output pixel (in one direction) sum to exactly
// 1<<lanczosBits.
const lanczosBits = 14

// Resize resamples an image to newWidth×newHeight with a Lanczos-3
// filter (widened by the scale factor when shrinking, so every source
// pixel counts): a horizontal pass, then a vertical one. Colour is
// filtered premultiplied by alpha, so transparent pixels do not bleed into
// their neighbours (and a fully transparent result pixel is 0, 0, 0, 0);
// channels are rounded half away from zero and clamped to 0..255. Near the
// image's edges the filter uses only the pixels inside, renormalised.
// Both sizes are at most 50 megapixels.
//
//gowasm:export
func Resize(pix []byte, width, height, newWidth, newHeight int) ([]byte, error) {
	if err := checkDims("", width, height); err != nil {
		return nil, err
	}
	if len(pix) != 4*width*height {
		return nil, errors.New("imaging: len(pix) is " + strconv.Itoa(len(pix)) +
			", want 4·width·height = " + strconv.Itoa(4*width*height))
	}
	return ResizeRows(pix, width, height, 0, newWidth, newHeight, 0, newHeight)
}

// ResizeSource returns the source rows [top, bottom) that the output rows
// [from, to) of resizing an image height rows tall to newHeight rows need:
// what ResizeRows requires src to hold. It returns 0, 0 for an empty or
// invalid range.
//
//gowasm:export
func ResizeSource(height, newHeight, from, to int) (top, bottom int) {
	if height < 1 || newHeight < 1 || height > MaxPixels || newHeight > MaxPixels {
		return 0, 0
	}
	from, to = max(from, 0), min(to, newHeight)
	if from >= to {
		return 0, 0
	}
	top, _, _, _ = span(height, newHeight, from)
	_, bottom, _, _ = span(height, newHeight, to-1)
	return top, bottom
}

// ResizeRows computes the output rows [from, to) of Resize (4·newWidth
// bytes a row). src holds the source image's rows [srcTop, srcTop +
// len(src)/(4·width)), which must include the rows ResizeSource(height,
// newHeight, from, to) names. Concatenating ResizeRows over any split of
// [0, newHeight) equals Resize byte for byte.
//
//gowasm:export
func ResizeRows(src []byte, width, height, srcTop, newWidth, newHeight, from, to int) ([]byte, error) {
	if err := checkDims("", width, height); err != nil {
		return nil, err
	}
	if err := checkDims("new ", newWidth, newHeight); err != nil {
		return nil, err
	}
	stride := 4 * width
	if len(src)%stride != 0 {
		return nil, errors.New("imaging: len(src) is " + strconv.Itoa(len(src)) +
			", not a whole number of rows of 4·width = " + strconv.Itoa(stride) + " bytes")
	}
	rows := len(src) / stride
	if from < 0 || to < from || to > newHeight {
		return nil, errors.New("imaging: rows [" + strconv.Itoa(from) + ", " + strconv.Itoa(to) +
			") are not a range within [0, " + strconv.Itoa(newHeight) + ")")
	}
	if srcTop < 0 || srcTop > height-rows {
		return nil, errors.New("imaging: src rows [" + strconv.Itoa(srcTop) + ", " + strconv.Itoa(srcTop+rows) +
			") are not within the image's [0, " + strconv.Itoa(height) + ")")
	}
	outStride := 4 * newWidth
	out := make([]byte, outStride*(to-from))
	if from == to {
		return out, nil
	}
	top, bottom := ResizeSource(height, newHeight, from, to)
	if srcTop > top || srcTop+rows < bottom {
		return nil, errors.New("imaging: src holds rows [" + strconv.Itoa(srcTop) + ", " + strconv.Itoa(srcTop+rows) +
			"), but output rows [" + strconv.Itoa(from) + ", " + strconv.Itoa(to) + ") need [" +
			strconv.Itoa(top) + ", " + strconv.Itoa(bottom) + ")")
	}

	htaps := make([]taps, newWidth)
	for x := range htaps {
		htaps[x] = resizeTaps(width, newWidth, x)
	}
	vtaps := make([]taps, to-from)
	window := 1
	for y := range vtaps {
		vtaps[y] = resizeTaps(height, newHeight, from+y)
		window = max(window, len(vtaps[y].w))
	}

	// ring holds the horizontal pass of the source rows the current output
	// row needs, source row j in slot j % window: the rows' ranges only
	// move down, and none is wider than window.
	ring := make([]int64, window*outStride)
	pm := make([]int32, stride)
	acc := make([]int64, outStride)
	next := top // the next source row to pass horizontally
	for y := from; y < to; y++ {
		t := vtaps[y-from]
		next = max(next, t.lo)
		for ; next < t.lo+len(t.w); next++ {
			row := src[(next-srcTop)*stride : (next-srcTop+1)*stride]
			slot := (next % window) * outStride
			horizontalPass(row, pm, htaps, ring[slot:slot+outStride])
		}
		clear(acc)
		for k, w := range t.w {
			slot := ((t.lo + k) % window) * outStride
			h := ring[slot : slot+outStride]
			h = h[:len(acc)]
			w := int64(w)
			for i := range acc {
				acc[i] += w * h[i]
			}
		}
		unpremultiply(acc, out[(y-from)*outStride:(y-from+1)*outStride])
	}
	return out, nil
}

// horizontalPass resamples one source row, premultiplied: h gets, per
// output pixel, Σ w·c·a for the colours and Σ w·a for alpha.
func horizontalPass(row []byte, pm []int32, htaps []taps, h []int64) {
	pm = pm[:len(row)]
	for i := 0; i+3 < len(row); i += 4 {
		a := int32(row[i+3])
		pm[i], pm[i+1], pm[i+2], pm[i+3] = int32(row[i])*a, int32(row[i+1])*a, int32(row[i+2])*a, a
	}
	for x, t := range htaps {
		var r, g, b, a int64
		p := pm[4*t.lo : 4*(t.lo+len(t.w))]
		for k, w := range t.w {
			w := int64(w)
			q := p[4*k : 4*k+4 : 4*k+4]
			r += w * int64(q[0])
			g += w * int64(q[1])
			b += w * int64(q[2])
			a += w * int64(q[3])
		}
		o := h[4*x : 4*x+4 : 4*x+4]
		o[0], o[1], o[2], o[3] = r, g, b, a
	}
}

// unpremultiply turns the two passes' sums (weights 1<<(2·lanczosBits)
// in all) into RGBA bytes: alpha is Σw·a scaled down, each colour
// Σw·c·a / Σw·a, rounded half away from zero and clamped.
func unpremultiply(acc []int64, o []byte) {
	o = o[:len(acc)]
	const one = 1 << (2 * lanczosBits)
	for i := 0; i+3 < len(acc); i += 4 {
		va := acc[i+3]
		if va <= 0 {
			o[i], o[i+1], o[i+2], o[i+3] = 0, 0, 0, 0
			continue
		}
		o[i+3] = clamp8((va + one/2) / one)
		for c := i; c < i+3; c++ {
			vc := acc[c]
			if vc <= 0 {
				o[c] = 0
			} else {
				o[c] = clamp8((2*vc + va) / (2 * va))
			}
		}
	}
}

// taps are the weights of the source pixels lo, lo+1, … for one output
// pixel, summing to 1<<lanczosBits.
type taps struct {
	lo int
	w  []int32
}

var unitTap = []int32{1 << lanczosBits}

// span returns the source range [lo, hi) output coordinate i of a
// resampling from in to out samples reads, and the filter's centre (in
// source coordinates) and scale.
func span(in, out, i int) (lo, hi int, center, fscale float64) {
	if in == out {
		return i, i + 1, 0, 1
	}
	scale := float64(in) / float64(out)
	fscale = max(scale, 1)
	support := float64(3 * fscale)
	center = float64((float64(i) + 0.5) * scale)
	lo = max(0, int(math.Floor(center-support)))
	hi = min(in, int(math.Ceil(center+support)))
	return lo, hi, center, fscale
}

// resizeTaps returns the quantised Lanczos-3 weights of output coordinate
// i, renormalised over the source pixels that exist, rounded cumulatively
// (each weight within one unit of the exact one, the sum exact).
func resizeTaps(in, out, i int) taps {
	lo, hi, center, fscale := span(in, out, i)
	if in == out {
		return taps{lo: lo, w: unitTap}
	}
	ws := make([]float64, hi-lo)
	total := 0.0
	for j := lo; j < hi; j++ {
		w := lanczos3((float64(j) + 0.5 - center) / fscale)
		ws[j-lo] = w
		total += w
	}
	const one = 1 << lanczosBits
	q := make([]int32, len(ws))
	cum, prev := 0.0, int64(0)
	for k, w := range ws {
		cum += w
		r := int64(math.Floor(float64(cum/total*one) + 0.5))
		if k == len(ws)-1 {
			r = one
		}
		q[k] = int32(r - prev)
		prev = r
	}
	return taps{lo: lo, w: q}
}
