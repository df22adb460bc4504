package main

import (
	"bytes"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestSamples checks that the files in the repository are what the
// command writes today (else: go run ./app/samples), and that the
// preview-sized photo is as wide as the image studio's preview.
func TestSamples(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := samples()
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range files {
		got, err := os.ReadFile(filepath.Join(root, path))
		if err != nil {
			t.Errorf("%v (go run ./app/samples writes it)", err)
		} else if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what go run ./app/samples writes (%d bytes, the command's %d): run it", path, len(got), len(want))
		}
	}

	js, err := os.ReadFile(filepath.Join(root, "app/web/shared/thumbnail.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`export const previewWidth = (\d+);`).FindSubmatch(js)
	if m == nil {
		t.Fatal("thumbnail.js: no `export const previewWidth = N;`")
	}
	if n, _ := strconv.Atoi(string(m[1])); n != previewWidth {
		t.Errorf("thumbnail.js's previewWidth is %d, app/samples's %d", n, previewWidth)
	}
	preview, err := jpeg.Decode(bytes.NewReader(files[filepath.Join(dir, "landscape-preview.jpg")]))
	if err != nil {
		t.Fatal(err)
	}
	if w := preview.Bounds().Dx(); w != previewWidth {
		t.Errorf("landscape-preview.jpg is %d wide, want %d", w, previewWidth)
	}
}
