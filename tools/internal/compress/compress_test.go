package compress

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

func TestDir(t *testing.T) {
	dir := t.TempDir()
	text := []byte(strings.Repeat("function gowasm() { return 42; }\n", 400))
	noise := make([]byte, 4096)
	rand.Read(noise)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
		os.Chtimes(p, old, old)
		return p
	}
	js := write("assets/app.js", text)
	random := write("noise.wasm", noise)
	png := write("logo.png", text)
	tiny := write("tiny.css", []byte("a{}"))
	write("noise.wasm.br", []byte("stale")) // from an earlier build

	if _, err := Dir(dir); err != nil {
		t.Fatal(err)
	}
	// Decompressing with independent decoders gives the original back.
	gz, err := os.ReadFile(js + ".gz")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, text) {
		t.Fatal("app.js.gz does not decompress to app.js")
	}
	if out, err := exec.Command("gzip", "-t", js+".gz").CombinedOutput(); err != nil {
		t.Fatalf("gzip -t: %v %s", err, out)
	}
	br, _ := os.ReadFile(js + ".br")
	if got, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); !bytes.Equal(got, text) {
		t.Fatal("app.js.br does not decompress to app.js")
	}
	for _, sibling := range []string{js + ".gz", js + ".br"} {
		a, _ := os.Stat(js)
		b, _ := os.Stat(sibling)
		if !a.ModTime().Equal(b.ModTime()) {
			t.Errorf("%s mtime %v, original %v", sibling, b.ModTime(), a.ModTime())
		}
	}
	for _, absent := range []string{random + ".gz", random + ".br", png + ".gz", tiny + ".br", tiny + ".gz"} {
		if _, err := os.Stat(absent); !os.IsNotExist(err) {
			t.Errorf("%s exists; compression there does not pay", absent)
		}
	}
}

func TestReproducible(t *testing.T) {
	data := []byte(strings.Repeat("reproducible ", 1000))
	a, _ := Gzip(data)
	b, _ := Gzip(data)
	if !bytes.Equal(a, b) || !bytes.Equal(Brotli(data), Brotli(data)) {
		t.Fatal("compressing twice gave different bytes")
	}
}
