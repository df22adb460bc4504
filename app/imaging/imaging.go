// Package imaging holds image kernels for the demo application: filters
// and a Lanczos-3 resize on raw RGBA pixels, 4 bytes per pixel, row-major,
// as a canvas ImageData gives them.
//
// Every kernel comes in two forms: one for the whole image (Apply,
// Resize) and one for a horizontal band of output rows (ApplyRows,
// ResizeRows), so that the web app can split a large image across a pool
// of workers. A band is computed from the source rows it needs (Halo,
// ResizeSource say which), and edges clamp to the image's edges, never the
// band's: concatenating the bands of any split of the output rows gives
// the whole-image result byte for byte.
//
// The arithmetic is integer (the filter weights are computed once per call
// in float64 with basic operations only, then quantised), so the output is
// the same bytes on every architecture, amd64 and wasm alike.
package imaging

import (
	"errors"
	"strconv"
)

// Kind names a filter.
type Kind string

// The filters Apply knows.
const (
	// KindBlur is a Gaussian blur of standard deviation Radius, on all four
	// channels.
	KindBlur Kind = "blur"
	// KindSharpen is an unsharp mask: each colour channel moves Amount
	// times its distance from a Gaussian blur of standard deviation Radius.
	// Alpha is kept.
	KindSharpen Kind = "sharpen"
	// KindGrayscale replaces the colour by its BT.601 luma,
	// (299·R + 587·G + 114·B) / 1000 rounded. Alpha is kept.
	KindGrayscale Kind = "grayscale"
	// KindSepia applies the classic sepia matrix. Alpha is kept.
	KindSepia Kind = "sepia"
	// KindTone adjusts Brightness and Contrast. Alpha is kept.
	KindTone Kind = "tone"
	// KindInvert replaces each colour channel c by 255 − c. Alpha is kept.
	KindInvert Kind = "invert"
	// KindEdges is the Sobel gradient magnitude of the luma, as gray.
	// Alpha is kept.
	KindEdges Kind = "edges"
)

// Filter is one filter and its parameters; the parameters a kind does
// not use are ignored.
type Filter struct {
	Kind Kind `json:"kind"`
	// Radius is the Gaussian standard deviation in pixels for blur and
	// sharpen, in (0, 100].
	Radius float64 `json:"radius,omitempty"`
	// Amount is the strength of sharpen, in [0, 5].
	Amount float64 `json:"amount,omitempty"`
	// Brightness shifts tone by Brightness·255, in [-1, 1].
	Brightness float64 `json:"brightness,omitempty"`
	// Contrast scales tone around the middle gray 127.5, in [-1, 1]: by
	// 1 + Contrast below 0, by 1 / (1 − Contrast) above (1 is a threshold).
	Contrast float64 `json:"contrast,omitempty"`
}

// MaxPixels bounds the images (in and out) the package accepts: 50
// megapixels.
const MaxPixels = 50_000_000

// MaxRadius bounds Filter.Radius.
const MaxRadius = 100

// MaxAmount bounds Filter.Amount.
const MaxAmount = 5

// Halo returns the rows of context a band of output rows needs above and
// below it: ApplyRows computing rows [from, to) needs the source rows
// [max(0, from−Halo), min(height, to+Halo)). It is 0 for the per-pixel
// filters, ceil(3·Radius) for blur and sharpen, 1 for edges, and 0 for a
// filter Apply would reject.
//
//gowasm:export
func Halo(f Filter) int {
	if f.check() != nil {
		return 0
	}
	switch f.Kind {
	case KindBlur, KindSharpen:
		return gaussRadius(f.Radius)
	case KindEdges:
		return 1
	}
	return 0
}

// Apply filters a whole image: pix holds width×height RGBA pixels. It
// returns a new slice and leaves pix alone.
//
//gowasm:export
func Apply(pix []byte, width, height int, f Filter) ([]byte, error) {
	if err := checkDims("", width, height); err != nil {
		return nil, err
	}
	if len(pix) != 4*width*height {
		return nil, errors.New("imaging: len(pix) is " + strconv.Itoa(len(pix)) +
			", want 4·width·height = " + strconv.Itoa(4*width*height))
	}
	return ApplyRows(pix, width, height, 0, 0, height, f)
}

// ApplyRows filters a band: it returns the output rows [from, to) (4·width
// bytes a row) of filtering an image width×height. src holds the image's
// rows [srcTop, srcTop + len(src)/(4·width)), which must include
// [max(0, from−Halo(f)), min(height, to+Halo(f))). Edges clamp to the
// image's edges, so concatenating ApplyRows over any split of [0, height)
// equals Apply byte for byte.
//
//gowasm:export
func ApplyRows(src []byte, width, height, srcTop, from, to int, f Filter) ([]byte, error) {
	if err := checkDims("", width, height); err != nil {
		return nil, err
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	b, err := newBand(src, width, height, srcTop, from, to, Halo(f))
	if err != nil {
		return nil, err
	}
	out := make([]byte, 4*width*(to-from))
	if from == to {
		return out, nil
	}
	switch f.Kind {
	case KindBlur:
		blur(b, out, from, to, f.Radius)
	case KindSharpen:
		sharpen(b, out, from, to, f.Radius, f.Amount)
	case KindEdges:
		edges(b, out, from, to)
	default:
		perPixel(b, out, from, to, f)
	}
	return out, nil
}

func (f Filter) check() error {
	switch f.Kind {
	case KindBlur:
		return checkRadius(f.Radius)
	case KindSharpen:
		if err := checkRadius(f.Radius); err != nil {
			return err
		}
		if !(f.Amount >= 0 && f.Amount <= MaxAmount) {
			return errors.New("imaging: amount " + ftoa(f.Amount) + " out of range [0, 5]")
		}
	case KindTone:
		if !(f.Brightness >= -1 && f.Brightness <= 1) {
			return errors.New("imaging: brightness " + ftoa(f.Brightness) + " out of range [-1, 1]")
		}
		if !(f.Contrast >= -1 && f.Contrast <= 1) {
			return errors.New("imaging: contrast " + ftoa(f.Contrast) + " out of range [-1, 1]")
		}
	case KindGrayscale, KindSepia, KindInvert, KindEdges:
	case "":
		return errors.New("imaging: filter kind missing")
	default:
		return errors.New("imaging: unknown filter kind " + strconv.Quote(string(f.Kind)))
	}
	return nil
}

func checkRadius(r float64) error {
	if !(r > 0 && r <= MaxRadius) {
		return errors.New("imaging: radius " + ftoa(r) + " out of range (0, 100]")
	}
	return nil
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// checkDims checks an image's size; what names it in messages ("" or
// "new ").
func checkDims(what string, width, height int) error {
	if width <= 0 || height <= 0 {
		return errors.New("imaging: " + what + "size " + strconv.Itoa(width) + "×" + strconv.Itoa(height) +
			" is empty or negative")
	}
	if width > MaxPixels/height {
		return errors.New("imaging: " + what + "size " + strconv.Itoa(width) + "×" + strconv.Itoa(height) +
			" exceeds 50 megapixels")
	}
	return nil
}

// band is the source rows a call holds, with rows outside the image
// clamped to its edges.
type band struct {
	pix           []byte
	width, height int
	top           int // image row of pix's first row
}

// newBand checks that src holds whole rows within the image and covers
// the rows [from−halo, to+halo) (clamped to the image) that output rows
// [from, to) need.
func newBand(src []byte, width, height, srcTop, from, to, halo int) (band, error) {
	stride := 4 * width
	if len(src)%stride != 0 {
		return band{}, errors.New("imaging: len(src) is " + strconv.Itoa(len(src)) +
			", not a whole number of rows of 4·width = " + strconv.Itoa(stride) + " bytes")
	}
	rows := len(src) / stride
	if from < 0 || to < from || to > height {
		return band{}, errors.New("imaging: rows [" + strconv.Itoa(from) + ", " + strconv.Itoa(to) +
			") are not a range within [0, " + strconv.Itoa(height) + ")")
	}
	if srcTop < 0 || srcTop > height-rows {
		return band{}, errors.New("imaging: src rows [" + strconv.Itoa(srcTop) + ", " + strconv.Itoa(srcTop+rows) +
			") are not within the image's [0, " + strconv.Itoa(height) + ")")
	}
	lo, hi := max(0, from-halo), min(height, to+halo)
	if from < to && (srcTop > lo || srcTop+rows < hi) {
		return band{}, errors.New("imaging: src holds rows [" + strconv.Itoa(srcTop) + ", " + strconv.Itoa(srcTop+rows) +
			"), but rows [" + strconv.Itoa(from) + ", " + strconv.Itoa(to) + ") with a halo of " + strconv.Itoa(halo) +
			" need [" + strconv.Itoa(lo) + ", " + strconv.Itoa(hi) + ")")
	}
	return band{pix: src, width: width, height: height, top: srcTop}, nil
}

// row returns image row y, clamped to the image.
func (b band) row(y int) []byte {
	y = min(max(y, 0), b.height-1)
	stride := 4 * b.width
	off := (y - b.top) * stride
	return b.pix[off : off+stride : off+stride]
}

// roundDiv returns n/d rounded half away from zero, for d > 0.
func roundDiv(n, d int64) int64 {
	if n >= 0 {
		return (n + d/2) / d
	}
	return -((-n + d/2) / d)
}

func clamp8(v int64) byte {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return byte(v)
}
