// Command samples writes the app's sample files into
// app/web/public/samples: landscape.jpg, a procedural landscape with
// detail at every scale (edges, gradients, texture) for the image studio,
// and landscape-preview.jpg, the same scaled down to the studio's preview
// width, which the page opens with before the photo; weather.csv, a year
// of made-up weather and ice cream sales for the data tool; and the app's
// icons, app/web/public/icon-192.png and
// icon-512.png, for its web manifests (and their copies in gowasm new's
// goapp template). All are a function of fixed seeds:
//
//	go run ./app/samples
package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const dir = "app/web/public/samples"

// previewWidth is the width of the image studio's preview, previewWidth in
// app/web/shared/thumbnail.js (TestSamples checks that they agree).
const previewWidth = 360

func main() {
	files, err := samples()
	must(err)
	for path, data := range files {
		must(os.WriteFile(path, data, 0o644))
	}
}

// samples are the files main writes, by their paths from the repository's root.
func samples() (map[string][]byte, error) {
	landscape := drawLandscape()
	files := map[string][]byte{filepath.Join(dir, "weather.csv"): []byte(weather())}
	var err error
	if files[filepath.Join(dir, "landscape.jpg")], err = encodeJPEG(landscape); err != nil {
		return nil, err
	}
	if files[filepath.Join(dir, "landscape-preview.jpg")], err = encodeJPEG(shrink(landscape, previewWidth)); err != nil {
		return nil, err
	}
	// The app's icons, and the same for the projects gowasm new -template
	// goapp writes.
	for _, public := range []string{filepath.Join(dir, ".."), "tools/internal/scaffold/template/goapp/web/public"} {
		for _, size := range []int{192, 512} {
			var b bytes.Buffer
			if err := png.Encode(&b, icon(size)); err != nil {
				return nil, err
			}
			files[filepath.Join(public, "icon-"+strconv.Itoa(size)+".png")] = b.Bytes()
		}
	}
	return files, nil
}

// icon is a square icon: a white ring on the Go blue.
func icon(size int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			col := color.NRGBA{0x00, 0xad, 0xd8, 0xff}
			if d := math.Hypot(float64(x)+0.5-c, float64(y)+0.5-c); d > 0.22*float64(size) && d < 0.34*float64(size) {
				col = color.NRGBA{0xff, 0xff, 0xff, 0xff}
			}
			img.SetNRGBA(x, y, col)
		}
	}
	return img
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func drawLandscape() *image.RGBA {
	const w, h = 1600, 1067
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(7, 11))
	noise := func() float64 { return r.NormFloat64() }
	ridge := func(x float64, f, a, off float64) float64 {
		return off + a*(0.6*math.Sin(x*f)+0.3*math.Sin(x*f*2.7+1)+0.1*math.Sin(x*f*7.1+2))
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x), float64(y)
			// sky: blue to warm near the horizon
			t := fy / (0.55 * h)
			R, G, B := 70+150*t, 130+90*t, 210-30*t
			// sun
			if d := math.Hypot(fx-1180, fy-260); d < 70 {
				R, G, B = 255, 236, 180
			} else if d < 160 {
				k := (160 - d) / 90
				R, G, B = R+(255-R)*k*0.6, G+(230-G)*k*0.6, B+(170-B)*k*0.6
			}
			far := ridge(fx, 0.004, 60, 560)
			near := ridge(fx+300, 0.0023, 90, 690)
			switch {
			case fy > near+140: // meadow with texture
				g := 120 + 40*math.Sin(fx*0.05+fy*0.11) + 12*noise()
				R, G, B = 60+0.2*g, g, 40+0.1*g
				if int(fx/37+fy/29)%7 == 0 && int(fy)%5 < 2 { // flowers
					R, G, B = 230, 200, 60
				}
			case fy > near: // near hills, darker green
				R, G, B = 40+8*noise(), 95+(fy-near)*0.2+8*noise(), 50
			case fy > far: // far mountains, bluish, snow on top
				R, G, B = 95, 110, 140
				if fy < far+25 {
					R, G, B = 235, 240, 245
				}
			}
			// a lake
			if fy > 820 && fy < 900 && fx > 200 && fx < 820+60*math.Sin(fy*0.05) {
				R, G, B = 60+20*math.Sin(fx*0.2), 120, 170+20*math.Sin(fx*0.3+fy*0.4)
			}
			// a small house with sharp edges
			if fx > 1000 && fx < 1140 && fy > 760 && fy < 860 {
				R, G, B = 200, 80, 60
				if fx > 1050 && fx < 1080 && fy > 800 {
					R, G, B = 60, 40, 30
				}
			}
			if fy > 700 && fy <= 760 && math.Abs(fx-1070) < (fy-700)*1.3 {
				R, G, B = 90, 60, 50
			}
			img.Set(x, y, color.RGBA{clamp(R), clamp(G), clamp(B), 255})
		}
	}
	return img
}

// shrink scales img down to width pixels wide, each pixel the mean of
// the source pixels it covers.
func shrink(img *image.RGBA, width int) *image.RGBA {
	b := img.Bounds()
	height := (b.Dy()*width + b.Dx()/2) / b.Dx()
	out := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := 0; y < height; y++ {
		y0, y1 := y*b.Dy()/height, (y+1)*b.Dy()/height
		for x := 0; x < width; x++ {
			x0, x1 := x*b.Dx()/width, (x+1)*b.Dx()/width
			var sum [3]int
			for sy := y0; sy < y1; sy++ {
				for sx := x0; sx < x1; sx++ {
					c := img.RGBAAt(sx, sy)
					sum[0], sum[1], sum[2] = sum[0]+int(c.R), sum[1]+int(c.G), sum[2]+int(c.B)
				}
			}
			n := (y1 - y0) * (x1 - x0)
			out.SetRGBA(x, y, color.RGBA{uint8(sum[0] / n), uint8(sum[1] / n), uint8(sum[2] / n), 255})
		}
	}
	return out
}

func encodeJPEG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 82})
	return b.Bytes(), err
}

// weather is a CSV of a year of days: temperature follows the seasons,
// humidity falls as it warms, ice cream sales rise with the temperature;
// every 53rd day has no wind reading.
func weather() string {
	r := rand.New(rand.NewPCG(12, 12))
	stations := []string{"north", "harbour", "old town", "airport"}
	var b strings.Builder
	b.WriteString("day,temperature_c,humidity_pct,wind_kmh,ice_creams_sold,station\n")
	for d := 1; d <= 365; d++ {
		season := math.Sin(float64(d-100) / 365 * 2 * math.Pi)
		t := 12 + 11*season + 3*r.NormFloat64()
		hum := math.Max(20, math.Min(100, 70-1.2*(t-12)+8*r.NormFloat64()))
		wind := math.Abs(14 + 7*r.NormFloat64())
		ice := math.Max(0, math.Round(40+9.5*t-0.4*wind+25*r.NormFloat64()))
		windCell := strconv.FormatFloat(wind, 'f', 1, 64)
		if d%53 == 0 {
			windCell = ""
		}
		b.WriteString(strconv.Itoa(d) + "," + strconv.FormatFloat(t, 'f', 1, 64) + "," + strconv.FormatFloat(hum, 'f', 0, 64) + "," +
			windCell + "," + strconv.FormatFloat(ice, 'f', 0, 64) + "," + stations[d%4] + "\n")
	}
	return b.String()
}

func clamp(v float64) uint8 { return uint8(math.Max(0, math.Min(255, v))) }
