package imaging_test

import (
	"bytes"
	"fmt"

	"github.com/gowasm/gowasm/app/imaging"
)

func ExampleApply() {
	// Two pixels, RGBA: red and half-transparent white.
	pix := []byte{255, 0, 0, 255, 255, 255, 255, 128}
	gray, _ := imaging.Apply(pix, 2, 1, imaging.Filter{Kind: imaging.KindGrayscale})
	inverted, _ := imaging.Apply(pix, 2, 1, imaging.Filter{Kind: imaging.KindInvert})
	fmt.Println(gray)
	fmt.Println(inverted)
	_, err := imaging.Apply(pix, 2, 1, imaging.Filter{Kind: imaging.KindBlur})
	fmt.Println(err)
	// Output:
	// [76 76 76 255 255 255 255 128]
	// [0 255 255 255 0 0 0 128]
	// imaging: radius 0 out of range (0, 100]
}

func ExampleHalo() {
	fmt.Println(imaging.Halo(imaging.Filter{Kind: imaging.KindSepia}))
	fmt.Println(imaging.Halo(imaging.Filter{Kind: imaging.KindEdges}))
	fmt.Println(imaging.Halo(imaging.Filter{Kind: imaging.KindBlur, Radius: 2.5}))
	// Output:
	// 0
	// 1
	// 8
}

// A worker pool filters a tall image in bands: each band gets its rows
// plus Halo rows of context above and below, and the bands put together
// are exactly the whole-image result.
func ExampleApplyRows() {
	const width, height = 64, 48
	pix := make([]byte, 4*width*height)
	for i := range pix {
		pix[i] = byte(i * 7 % 251)
	}
	f := imaging.Filter{Kind: imaging.KindBlur, Radius: 1.5}
	halo := imaging.Halo(f)

	var joined []byte
	for from := 0; from < height; from += 10 {
		to := min(from+10, height)
		top, bottom := max(0, from-halo), min(height, to+halo)
		band, err := imaging.ApplyRows(pix[4*width*top:4*width*bottom], width, height, top, from, to, f)
		if err != nil {
			panic(err)
		}
		joined = append(joined, band...)
	}
	whole, _ := imaging.Apply(pix, width, height, f)
	fmt.Println(bytes.Equal(joined, whole))
	// Output: true
}

func ExampleResize() {
	// A 4×1 opaque ramp halved: Lanczos-3 widened to 2 source pixels per
	// output pixel, so the negative lobes reach the far end.
	pix := []byte{0, 0, 0, 255, 100, 100, 100, 255, 200, 200, 200, 255, 250, 250, 250, 255}
	out, _ := imaging.Resize(pix, 4, 1, 2, 1)
	fmt.Println(out)
	// Output: [57 57 57 255 223 223 223 255]
}

func ExampleResizeSource() {
	// Resizing 1000 rows to 300 in three bands, one per worker: each
	// worker gets the source rows ResizeSource names.
	for _, band := range [][2]int{{0, 100}, {100, 200}, {200, 300}} {
		top, bottom := imaging.ResizeSource(1000, 300, band[0], band[1])
		fmt.Printf("output rows [%d, %d) need source rows [%d, %d)\n", band[0], band[1], top, bottom)
	}
	// Output:
	// output rows [0, 100) need source rows [0, 342)
	// output rows [100, 200) need source rows [325, 675)
	// output rows [200, 300) need source rows [658, 1000)
}
