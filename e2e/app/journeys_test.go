package app

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // decodeFile reads the sample photo
	"image/png"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/app/imaging"
	"github.com/gowasm/gowasm/app/tabular"
	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// firstLoadBudget is the most JavaScript (brotli, the workers' script
// included) a page may send on first load: 120 KiB, and since December
// 2026 the 0.8 KiB that the shared-memory channel of worker and pool
// modes adds to a page with workers, where /data stood at 120.1 KiB.
const firstLoadBudget = 121 << 10

// TestPages: every page loads from nginx under its CSP with no console
// error, by deep link and after a reload, and navigating by the header
// keeps the page (no reload).
func TestPages(t *testing.T) {
	p := newTab(t)
	manifest := harness.ReadManifest(t, harness.Site(t))
	brotli := map[string]int{} // a file's path → its size as nginx sends it
	for _, a := range manifest.Assets {
		brotli["/"+a.Path] = a.Brotli
	}
	workerScript := manifest.Asset(t, "assets/worker-", ".js").Brotli
	const moduleReady = `document.querySelector('.module.ready') !== null`
	for _, page := range []struct{ path, heading, ready string }{
		{"/", "Go in your browser", "true"},
		{"/image", "Image studio", moduleReady},
		{"/hash", "File hasher", moduleReady},
		{"/data", "Data", moduleReady},
		{"/vue/", "The tools in Vue", moduleReady},
		{"/goapp/", "The tools in pure Go", `document.getElementById('app-wasm-loader') === null`}, // go-app removes its loader
		{"/no/such/page", "Not found", "true"},
	} {
		p.open(page.path, page.heading)
		p.run(time.Minute, chromedp.Reload(), chromedp.WaitReady(`main > h1`, chromedp.ByQuery))
		p.wait(page.ready, time.Minute)
		if got := p.text(`main > h1`); got != page.heading {
			t.Errorf("%s after a reload: heading %q, want %q", page.path, got, page.heading)
		}
		// JavaScript sent for the page as nginx sends it (brotli), by the
		// build's manifest: after the reload the scripts may come from the
		// service worker's cache, which holds them decoded. And the
		// workers' script, which the page's resource timing does not see.
		var js struct{ Bytes, Files int }
		var scripts []string
		p.eval(`[...new Set(performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).map((r) => new URL(r.name).pathname))]`, &scripts)
		for _, path := range scripts {
			size, ok := brotli[path]
			if !ok {
				t.Errorf("%s: the page loaded %s, which the build did not write", page.path, path)
			}
			js.Bytes += size
			js.Files++
		}
		var workers bool
		p.eval(`document.querySelector('.module') !== null`, &workers)
		if workers {
			js.Bytes += workerScript
			js.Files++
		}
		t.Logf("%s: %d JavaScript files, %.1f KiB transferred", page.path, js.Files, float64(js.Bytes)/1024)
		if js.Bytes > firstLoadBudget || js.Files == 0 {
			t.Errorf("%s: %d bytes of JavaScript on first load (%d files); the budget is %d KiB", page.path, js.Bytes, js.Files, firstLoadBudget>>10)
		}
		name := strings.Trim(strings.ReplaceAll(page.path, "/", "-"), "-")
		if name == "" {
			name = "home"
		}
		p.screenshots(name)
		p.labelled(page.path)
		p.noProblems(page.path)
	}

	// Links in the header navigate inside the page: a marker set on
	// window survives, which a reload would lose.
	p.open("/", "Go in your browser")
	p.eval(`window.stayed = true`, nil)
	p.click(`nav a[href="/data"]`)
	p.wait(`document.querySelector('main > h1').textContent === 'Data'`, 30*time.Second)
	var stayed bool
	p.eval(`window.stayed === true && location.pathname === '/data'`, &stayed)
	if !stayed {
		t.Error("the header's link to /data reloaded the page")
	}
	p.run(30*time.Second, chromedp.NavigateBack())
	p.wait(`document.querySelector('main > h1').textContent === 'Go in your browser'`, 30*time.Second)
	p.noProblems("navigation")

	// The checks above are not blind: an inline script, which the CSP
	// forbids, shows up as a reported violation.
	p.eval(`document.head.append(Object.assign(document.createElement('script'), { textContent: 'window.leaked = 1' }))`, nil)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(strings.Join(p.b.Problems(), "\n"), "Content Security Policy") {
		if time.Now().After(deadline) {
			t.Fatalf("a deliberate CSP violation was not reported; the problem checks would be blind:\n%s", strings.Join(p.b.Console(), "\n"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestImageStudio applies every kernel, in the pool, to the sample photo
// as a PNG: each result, saved with the page's button, is pixel for
// pixel what the same Go code computes natively from the same pixels.
// The canvases show large images at the width they are shown.
func TestImageStudio(t *testing.T) {
	p := newTab(t)
	p.open("/image", "Image studio")
	p.wait(`document.querySelector('.module.ready') !== null`, time.Minute)
	p.clickText("Use the sample photo")
	p.shownAtDisplaySize(`.compare figure:first-child canvas`, 1600, 1067)

	// The photo's pixels as Go decodes them, given to the page losslessly
	// (the browser's JPEG decoder may round differently).
	photo := decodeFile(t, filepath.Join(harness.Root(), "app/web/public/samples/landscape.jpg"))
	before, width, height := photo.Pix, photo.Rect.Dx(), photo.Rect.Dy()
	p.upload(`.drop input[type=file]`, writePNG(t, t.TempDir(), "photo.png", photo))
	p.wait(`document.querySelector('.compare figcaption')?.textContent.includes('photo.png')`, time.Minute)
	p.shownAtDisplaySize(`.compare figure:first-child canvas`, width, height)
	for _, c := range []struct {
		kind   string
		params map[string]string
		native func() ([]byte, error)
	}{
		{"blur", map[string]string{"radius": "3.5"}, func() ([]byte, error) {
			return imaging.Apply(before, width, height, imaging.Filter{Kind: imaging.KindBlur, Radius: 3.5})
		}},
		{"sharpen", map[string]string{"radius": "2", "amount": "1.5"}, func() ([]byte, error) {
			return imaging.Apply(before, width, height, imaging.Filter{Kind: imaging.KindSharpen, Radius: 2, Amount: 1.5})
		}},
		{"grayscale", nil, func() ([]byte, error) {
			return imaging.Apply(before, width, height, imaging.Filter{Kind: imaging.KindGrayscale})
		}},
		{"sepia", nil, func() ([]byte, error) {
			return imaging.Apply(before, width, height, imaging.Filter{Kind: imaging.KindSepia})
		}},
		{"tone", map[string]string{"brightness": "-0.2", "contrast": "0.35"}, func() ([]byte, error) {
			return imaging.Apply(before, width, height, imaging.Filter{Kind: imaging.KindTone, Brightness: -0.2, Contrast: 0.35})
		}},
		{"invert", nil, func() ([]byte, error) {
			return imaging.Apply(before, width, height, imaging.Filter{Kind: imaging.KindInvert})
		}},
		{"edges", nil, func() ([]byte, error) {
			return imaging.Apply(before, width, height, imaging.Filter{Kind: imaging.KindEdges})
		}},
		{"resize", map[string]string{"scale": "35"}, func() ([]byte, error) {
			return imaging.Resize(before, width, height, 560, 373) // Math.round(1600·0.35), Math.round(1067·0.35)
		}},
	} {
		t.Run(c.kind, func(t *testing.T) {
			p.set(`form.filter select`, c.kind)
			for key, value := range c.params {
				p.set(fmt.Sprintf(`form.filter input[data-param=%q]`, key), value)
			}
			p.click(`form.filter button[type=submit]`)
			p.wait(`document.querySelector('.status-line output') !== null`, 2*time.Minute)
			want, err := c.native()
			if err != nil {
				t.Fatal(err)
			}
			w, h := width, height
			if c.kind == "resize" {
				w, h = 560, 373
			}
			checkDownload(t, p, c.kind, want, w, h)
			if c.kind == "edges" {
				p.shownAtDisplaySize(`.compare figure:nth-child(2) canvas`, w, h)
				p.noLayoutShift("/image")
				p.labelled("/image with a result")
				p.screenshots("image-edges")
			}
		})
	}

	t.Run("cancel", func(t *testing.T) {
		p.set(`form.filter select`, "blur")
		p.set(`form.filter input[data-param="radius"]`, "50")
		p.click(`form.filter button[type=submit]`)
		p.wait(`document.querySelector('.status-line progress') !== null`, 30*time.Second)
		p.clickText("Cancel")
		p.wait(`document.querySelector('form.filter ~ [role=alert], [role=alert].error')?.textContent.includes('Cancelled')`, 30*time.Second)
		// The page stays usable: the pool takes the next run.
		p.set(`form.filter select`, "invert")
		p.click(`form.filter button[type=submit]`)
		p.wait(`document.querySelector('.status-line output')?.textContent.startsWith('Invert')`, time.Minute)
		want, err := imaging.Apply(before, width, height, imaging.Filter{Kind: imaging.KindInvert})
		if err != nil {
			t.Fatal(err)
		}
		checkDownload(t, p, "invert after a cancelled blur", want, width, height)
	})

	t.Run("not an image", func(t *testing.T) {
		path := writeFile(t, t.TempDir(), "notes.txt", []byte("not a picture"))
		p.upload(`.drop input[type=file]`, path)
		p.wait(`document.querySelector('[role=alert]')?.textContent.includes('is not an image')`, 30*time.Second)
	})

	t.Run("12 megapixels", func(t *testing.T) {
		big := gradient(4000, 3000)
		p.upload(`.drop input[type=file]`, writePNG(t, t.TempDir(), "big.png", big))
		p.wait(`document.querySelector('.compare figcaption')?.textContent.includes('big.png')`, time.Minute)
		p.shownAtDisplaySize(`.compare figure:first-child canvas`, 4000, 3000)
		p.set(`form.filter select`, "blur")
		p.set(`form.filter input[data-param="radius"]`, "3")
		p.withoutLongTasks("blurring 12 megapixels in the pool", func() {
			p.click(`form.filter button[type=submit]`)
			p.wait(`document.querySelector('.status-line output')?.textContent.startsWith('Gaussian blur: 4000') &&
				document.querySelectorAll('.compare canvas')[1]?.dataset.drawn === 'true'`, 3*time.Minute)
		})
		want, err := imaging.Apply(big.Pix, 4000, 3000, imaging.Filter{Kind: imaging.KindBlur, Radius: 3})
		if err != nil {
			t.Fatal(err)
		}
		checkDownload(t, p, "blur of 12 megapixels", want, 4000, 3000)
		p.noProblems("/image")
	})
}

// checkDownload saves the result as PNG with the page's button: the file
// decodes, with image/png, to the w×h pixels want.
func checkDownload(t *testing.T, p *tab, what string, want []byte, w, h int) {
	t.Helper()
	dir := t.TempDir()
	p.run(30*time.Second, browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dir))
	p.clickText("Save PNG")
	var path string
	for deadline := time.Now().Add(time.Minute); path == ""; {
		matches, _ := filepath.Glob(filepath.Join(dir, "*.png"))
		if len(matches) == 1 {
			path = matches[0]
		} else if time.Now().After(deadline) {
			t.Fatalf("%s: no PNG was downloaded into %s (found %v)", what, dir, matches)
		} else {
			time.Sleep(100 * time.Millisecond)
		}
	}
	time.Sleep(200 * time.Millisecond) // the download may still be written
	got := decodeFile(t, path)
	if got.Rect.Dx() != w || got.Rect.Dy() != h {
		t.Fatalf("%s: %s is %v, want %d×%d", what, filepath.Base(path), got.Rect, w, h)
	}
	if !bytes.Equal(got.Pix, want) {
		t.Errorf("%s: the pixels of %s differ from native Go's result (SHA-256 %s, native %s)", what, filepath.Base(path), sha256Hex(got.Pix), sha256Hex(want))
	}
}

// decodeFile decodes the PNG or JPEG file path to non-premultiplied RGBA,
// the layout of the page's ImageData.
func decodeFile(t *testing.T, path string) *image.NRGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba
}

// gradient is a w×h image with smooth gradients and some texture.
func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x ^ y) & 0xff), 255})
		}
	}
	return img
}

// writePNG writes img as dir/name and returns its path.
func writePNG(t *testing.T, dir, name string, img image.Image) string {
	t.Helper()
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, name, b.Bytes())
}

// TestHasher hashes a 300 MB file and small ones in the pool: the digests
// are crypto/sha256's, crypto/sha512's and crypto/md5's, progress moves, the main
// thread stays free, WebCrypto agrees, and Cancel stops a file.
func TestHasher(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 300<<20)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < len(big); i += 8 {
		v := r.Uint64()
		for j := 0; j < 8 && i+j < len(big); j++ {
			big[i+j] = byte(v >> (8 * j))
		}
	}
	files := map[string][]byte{
		"big.bin":    big,
		"empty.txt":  {},
		"one.txt":    {'x'},
		"mebibyte+1": big[:1<<20+1],
	}
	var paths []string
	for _, name := range []string{"big.bin", "empty.txt", "one.txt", "mebibyte+1"} {
		paths = append(paths, writeFile(t, dir, name, files[name]))
	}

	p := newTab(t)
	p.open("/hash", "File hasher")
	p.wait(`document.querySelector('.module.ready') !== null`, time.Minute)
	p.click(`fieldset.options label:nth-of-type(3) input`) // MD5, off at first
	p.withoutLongTasks("hashing 300 MB in the pool", func() {
		p.upload(`.drop input[type=file]`, paths...)
		// Progress moves while the big file is hashed.
		p.wait(`Number(document.querySelector('.job[data-state=hashing] progress')?.value) > 0`, time.Minute)
		var first, second float64
		p.eval(`Number(document.querySelector('.job[data-state=hashing] progress')?.value ?? -1)`, &first)
		time.Sleep(400 * time.Millisecond)
		p.eval(`Number(document.querySelector('.job[data-state=hashing] progress')?.value ?? 3e8)`, &second)
		if second <= first {
			t.Errorf("progress did not move: %v then %v", first, second)
		}
		p.wait(fmt.Sprintf(`document.querySelectorAll('.job[data-state=done]').length === %d`, len(paths)), 3*time.Minute)
	})
	p.noLayoutShift("/hash")

	for name, data := range files {
		s256, s512, m5 := sha256.Sum256(data), sha512.Sum512(data), md5.Sum(data)
		for algorithm, want := range map[string]string{
			"sha256": hex.EncodeToString(s256[:]), "sha512": hex.EncodeToString(s512[:]), "md5": hex.EncodeToString(m5[:]),
		} {
			got := p.digest(name, algorithm)
			if got != want {
				t.Errorf("%s %s on the page = %q, crypto/%s %q", name, algorithm, got, algorithm, want)
			}
		}
	}
	p.screenshots("hash-done")

	t.Run("webcrypto", func(t *testing.T) {
		p.click(`fieldset.options label:last-child input`)
		p.upload(`.drop input[type=file]`, paths[3])
		p.wait(`[...document.querySelectorAll('.job')].at(-1).querySelectorAll('.ok').length === 2`, time.Minute)
	})

	t.Run("cancel", func(t *testing.T) {
		p.upload(`.drop input[type=file]`, paths[0])
		p.wait(`document.querySelector('.job[data-state=hashing]') !== null`, 30*time.Second)
		p.click(`.job[data-state=hashing] button`)
		p.wait(`[...document.querySelectorAll('.job')].at(-1).textContent.includes('Cancelled')`, 30*time.Second)
		// The pool serves the next file.
		p.upload(`.drop input[type=file]`, paths[2])
		p.wait(`[...document.querySelectorAll('.job')].at(-1).dataset.state === 'done'`, time.Minute)
	})
	p.noProblems("/hash")
}

// TestData analyzes the sample CSV: every statistic on the page is the
// number package tabular computes natively.
func TestData(t *testing.T) {
	csv, table := sampleTable(t)
	fit, err := tabular.Regress(csv, "temperature_c", "ice_creams_sold")
	if err != nil {
		t.Fatal(err)
	}

	p := newTab(t)
	p.open("/data", "Data")
	p.wait(`document.querySelector('.module.ready') !== null`, time.Minute)
	p.clickText("Load the sample")
	p.wait(`document.querySelector('table.stats') !== null`, time.Minute)
	checkStats(t, p, table)

	p.set(`.panel select[data-axis="x"]`, "temperature_c")
	p.set(`.panel select[data-axis="y"]`, "ice_creams_sold")
	p.clickText("Fit")
	p.wait(`document.querySelector('.fit output') !== null`, 30*time.Second)
	for attr, want := range map[string]float64{"data-slope": fit.Slope, "data-intercept": fit.Intercept, "data-r2": fit.R2, "data-n": float64(fit.N)} {
		if got := p.floatAttr(`.fit output`, attr); got != want {
			t.Errorf("regression %s on the page = %v, native %v", attr, got, want)
		}
	}
	p.wait(`document.querySelectorAll('.chart canvas').length >= 2`, 30*time.Second)
	p.noLayoutShift("/data")
	p.labelled("/data with results")
	p.screenshots("data-results")

	p.set(`#csv`, "a,b\n1,2\n3")
	p.clickText("Analyze")
	p.wait(`document.querySelector('[aria-live] [role=alert]')?.textContent.includes('line')`, 30*time.Second)
	p.noProblems("/data")
}

// checkStats compares the statistics table on the page with table.
// sampleTable is the app's sample CSV and what package tabular computes
// of it natively: the oracle of every page that shows it.
func sampleTable(t *testing.T) (string, tabular.Table) {
	t.Helper()
	csv, err := os.ReadFile(filepath.Join(harness.Root(), "app/web/public/samples/weather.csv"))
	if err != nil {
		t.Fatal(err)
	}
	table, err := tabular.Analyze(string(csv))
	if err != nil {
		t.Fatal(err)
	}
	return string(csv), table
}

func checkStats(t *testing.T, p *tab, table tabular.Table) {
	t.Helper()
	var rows int
	p.eval(`document.querySelectorAll('table.stats tbody tr').length`, &rows)
	if rows != len(table.Columns) {
		t.Fatalf("the page shows %d columns, native Analyze found %d", rows, len(table.Columns))
	}
	for _, c := range table.Columns {
		if !c.Numeric {
			continue
		}
		want := map[string]float64{"mean": c.Mean, "stdDev": c.StdDev, "min": c.Min, "max": c.Max}
		for i, q := range c.Quantiles {
			want[fmt.Sprintf("q%d", i)] = q
		}
		for stat, w := range want {
			if got := p.floatAttr(fmt.Sprintf(`tr[data-column=%q] td[data-stat=%q]`, c.Name, stat), "data-value"); got != w {
				t.Errorf("%s %s on the page = %v, native %v", c.Name, stat, got, w)
			}
		}
	}
}

// TestVue: the Vue page's hasher and data tool give native Go's answers.
func TestVue(t *testing.T) {
	p := newTab(t)
	p.open("/vue/", "The tools in Vue")
	p.wait(`document.querySelectorAll('.module.ready').length === 2`, time.Minute)
	dir := t.TempDir()
	data := bytes.Repeat([]byte("gowasm "), 100000)
	p.upload(`#vue-files`, writeFile(t, dir, "a.txt", data), writeFile(t, dir, "b.txt", nil))
	p.wait(`document.querySelectorAll('.job[data-state=done]').length === 2`, time.Minute)
	for name, content := range map[string][]byte{"a.txt": data, "b.txt": nil} {
		got := p.digest(name, "sha256")
		if want := sha256Hex(content); got != want {
			t.Errorf("Vue: %s SHA-256 = %q, crypto/sha256 %q", name, got, want)
		}
	}

	// A sample that does not arrive is reported, not analyzed; the next
	// click fetches it again.
	chromedp.ListenTarget(p.b.Ctx, func(ev any) {
		if paused, ok := ev.(*fetch.EventRequestPaused); ok {
			body := base64.StdEncoding.EncodeToString([]byte("day,temperature_c\n1,404\n"))
			go chromedp.Run(p.b.Ctx, fetch.FulfillRequest(paused.RequestID, http.StatusNotFound).WithBody(body))
		}
	})
	p.run(time.Minute, fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/samples/weather.csv"}}))
	p.clickText("Load the sample")
	p.wait(`document.querySelector('[role=alert]')?.textContent.includes('HTTP 404')`, time.Minute)
	var analyzed bool
	p.eval(`document.querySelector('table.stats') !== null`, &analyzed)
	if analyzed {
		t.Error("Vue: a sample answered with HTTP 404 was analyzed")
	}
	p.run(time.Minute, fetch.Disable())

	_, table := sampleTable(t)
	p.clickText("Load the sample")
	p.wait(`document.querySelector('table.stats') !== null && document.querySelector('[role=alert]') === null`, time.Minute)
	checkStats(t, p, table)
	p.screenshots("vue-results")
	for _, problem := range p.b.Problems() {
		if !strings.Contains(problem, "404") {
			t.Errorf("/vue/: the page reported a problem besides the sample's 404: %s", problem)
		}
	}
}

// TestBench runs the benchmark page's quick mode to the end: every
// number is there and plausible, the JavaScript port of the blur gives
// Go's bytes, photon (Rust, through the build's ESM wasm modules) ran,
// and the charts drew.
func TestBench(t *testing.T) {
	p := newTab(t)
	p.open("/bench?quick&run", "Benchmarks")
	p.wait(`globalThis.benchResults !== undefined`, 10*time.Minute)
	var r struct {
		Error        string
		CallOverhead map[string]float64
		SHA256       map[string]map[string]float64
		Blur         struct {
			GowasmInline, GowasmWorker, Photon, PlainJS float64
			Pool                                        map[string]float64
			PlainJSMatchesGo                            bool
		}
		Startup map[string]float64
	}
	p.eval(`globalThis.benchResults`, &r)
	if r.Error != "" {
		t.Fatalf("the benchmarks failed: %s", r.Error)
	}
	t.Logf("results: %+v", r)
	within := func(what string, v, lo, hi float64) {
		if !(v >= lo && v <= hi) {
			t.Errorf("%s = %v, outside the plausible [%v, %v]", what, v, lo, hi)
		}
	}
	for _, k := range []string{"gowasm", "funcOf", "plainJS"} {
		within("call overhead of "+k+" (ns)", r.CallOverhead[k], 0.1, 1e6)
	}
	for _, impl := range []string{"gowasm", "hashWasm", "noble", "webCrypto"} {
		for _, size := range []string{"64 B", "4 KiB", "1 MiB"} {
			within("SHA-256 MB/s of "+impl+" at "+size, r.SHA256[impl][size], 0.01, 1e5)
		}
	}
	within("blur MP/s, gowasm inline", r.Blur.GowasmInline, 0.1, 1e4)
	within("blur MP/s, gowasm worker", r.Blur.GowasmWorker, 0.1, 1e4)
	within("blur MP/s, photon", r.Blur.Photon, 0.1, 1e4)
	within("blur MP/s, plain JS", r.Blur.PlainJS, 0.01, 1e4)
	if len(r.Blur.Pool) == 0 {
		t.Error("no pool ran")
	}
	for k, v := range r.Blur.Pool {
		within("blur MP/s, gowasm pool "+k, v, 0.1, 1e4)
	}
	if !r.Blur.PlainJSMatchesGo {
		t.Error("the JavaScript port of the blur gave other bytes than Go's")
	}
	for _, k := range []string{"fetch", "compile", "instantiateAndInit", "firstResult"} {
		within("start-up "+k+" (ms)", r.Startup[k], 0, 30000)
	}
	var charts int
	p.eval(`document.querySelectorAll('[data-bench] .chart canvas').length`, &charts)
	if charts != 4 {
		t.Errorf("%d charts drew, want 4", charts)
	}
	p.screenshots("bench")
	p.noProblems("/bench")
}
