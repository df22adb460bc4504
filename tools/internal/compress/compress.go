// Package compress writes the precompressed siblings that nginx's
// gzip_static and brotli_static serve: NAME.gz and NAME.br beside NAME,
// at the best compression levels, byte-for-byte reproducible, with the
// original's modification time.
package compress

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/andybalholm/brotli"
)

// Compressible lists the extensions worth compressing: text formats and
// wasm. Images, fonts and archives are already compressed.
var Compressible = []string{".html", ".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt", ".wasm", ".webmanifest", ".xml"}

// minSaving is the smallest saving, in bytes, that justifies a sibling:
// below it, the extra file and the Vary header cost more than they save.
const minSaving = 64

// Sibling is a compressed file written next to its original.
type Sibling struct {
	Path string // the original
	Gzip int    // bytes of NAME.gz, 0 when not written
	Br   int    // bytes of NAME.br, 0 when not written
	Raw  int
}

// Dir compresses every compressible file under dir and returns what it
// wrote. Encodings that do not pay (save under 64 bytes) are skipped,
// and stale siblings from an earlier run are removed.
func Dir(dir string) ([]Sibling, error) {
	var out []Sibling
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains(Compressible, strings.ToLower(filepath.Ext(path))) {
			return err
		}
		s, err := File(path)
		if err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// File writes path.gz and path.br when each pays, with path's mtime.
func File(path string) (Sibling, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Sibling{}, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return Sibling{}, err
	}
	s := Sibling{Path: path, Raw: len(raw)}
	gz, err := Gzip(raw)
	if err != nil {
		return s, err
	}
	if s.Gzip, err = writeSibling(path+".gz", gz, len(raw), info); err != nil {
		return s, err
	}
	if s.Br, err = writeSibling(path+".br", Brotli(raw), len(raw), info); err != nil {
		return s, err
	}
	return s, nil
}

func writeSibling(path string, data []byte, raw int, original fs.FileInfo) (int, error) {
	if raw-len(data) < minSaving {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return 0, err
		}
		return 0, nil
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return 0, err
	}
	// Same mtime as the original, so Last-Modified and ETag agree
	// whichever file nginx sends.
	if err := os.Chtimes(path, original.ModTime(), original.ModTime()); err != nil {
		return 0, err
	}
	return len(data), nil
}

// Gzip compresses at the best level, with no name or time in the
// header, so the same input always gives the same bytes.
func Gzip(raw []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Brotli compresses at the best quality and the largest window.
func Brotli(raw []byte) []byte {
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
	w.Write(raw)
	w.Close()
	return b.Bytes()
}
