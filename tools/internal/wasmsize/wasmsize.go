// Package wasmsize explains the size of a Go wasm module: how many bytes
// of code each Go package contributes, read from the module's code and
// name sections. Go writes the name section unless linked with -s, so
// the analysis runs on an unstripped build of the same program.
package wasmsize

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Report is the size breakdown of one module.
type Report struct {
	Total    int           // bytes of the whole module
	Code     int           // bytes of the code section
	Data     int           // bytes of the data section (Go's static data, type metadata, strings)
	Names    int           // bytes of the name section, absent from stripped builds
	Packages []PackageSize // code bytes per Go package, largest first
}

// PackageSize is the code one Go package contributes.
type PackageSize struct {
	Package string
	Bytes   int
}

const (
	sectionCustom = 0
	sectionImport = 2
	sectionCode   = 10
	sectionData   = 11
)

// Analyze reads a wasm module. packages lists the import paths linked
// into it (`go list -deps`), which attribute functions to packages: the
// linker writes function names with every character other than letters,
// digits, '_' and '.' replaced by '_', so "a/b.F" appears as "a_b.F".
// Without a name section the report still has the section sizes, and
// Packages is empty.
func Analyze(module []byte, packages []string) (*Report, error) {
	r := &reader{b: module}
	if len(module) < 8 || string(module[:4]) != "\x00asm" {
		return nil, errors.New("not a WebAssembly module")
	}
	r.at = 8
	report := &Report{Total: len(module)}
	var imported int
	var bodies []int
	var names map[int]string
	for r.at < len(r.b) {
		id := r.byte()
		size := r.uleb()
		start := r.at
		end := start + size
		if r.err != nil || end > len(r.b) {
			return nil, fmt.Errorf("truncated section at byte %d", start)
		}
		body := &reader{b: r.b[:end], at: start}
		switch id {
		case sectionImport:
			imported = countFunctionImports(body)
		case sectionCode:
			report.Code = size
			bodies = functionSizes(body)
		case sectionData:
			report.Data = size
		case sectionCustom:
			if body.name() == "name" {
				report.Names = size
				names = functionNames(body)
			}
		}
		if body.err != nil {
			return nil, fmt.Errorf("section %d: %w", id, body.err)
		}
		r.at = end
	}
	if names != nil {
		sanitized := map[string]string{}
		for _, p := range packages {
			sanitized[linkerName(p)] = p
		}
		perPackage := map[string]int{}
		for i, n := range bodies {
			perPackage[packageOf(names[imported+i], sanitized)] += n
		}
		for pkg, n := range perPackage {
			report.Packages = append(report.Packages, PackageSize{pkg, n})
		}
		sort.Slice(report.Packages, func(i, j int) bool {
			a, b := report.Packages[i], report.Packages[j]
			return a.Bytes > b.Bytes || (a.Bytes == b.Bytes && a.Package < b.Package)
		})
	}
	return report, nil
}

// packageOf returns the Go package of a function named as the linker
// writes it, e.g. "github.com_x_y._T_.M" for github.com/x/y.(*T).M;
// sanitized maps linkerName(path) to each linked package's path.
func packageOf(symbol string, sanitized map[string]string) string {
	switch {
	case symbol == "":
		return "(unnamed)"
	case strings.HasPrefix(symbol, "type_.") || strings.HasPrefix(symbol, "go_."):
		return "(type and runtime metadata)"
	}
	// The longest known package name that ends at a '.'.
	for i := len(symbol) - 1; i > 0; i-- {
		if symbol[i] == '.' {
			if path, ok := sanitized[symbol[:i]]; ok {
				return path
			}
		}
	}
	if dot := strings.IndexByte(symbol, '.'); dot > 0 {
		return symbol[:dot]
	}
	// Functions written by the linker itself, e.g. "wasm_pc_f_loop".
	return "(runtime glue)"
}

// linkerName is how the wasm linker spells a package path in names.
func linkerName(path string) string {
	b := []byte(path)
	for i, c := range b {
		if !(c == '_' || c == '.' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			b[i] = '_'
		}
	}
	return string(b)
}

func countFunctionImports(r *reader) int {
	n := r.uleb()
	functions := 0
	for range n {
		r.name() // module
		r.name() // field
		switch kind := r.byte(); kind {
		case 0: // function: a type index
			r.uleb()
			functions++
		case 1: // table: element type and limits
			r.byte()
			r.limits()
		case 2: // memory
			r.limits()
		case 3: // global: value type and mutability
			r.byte()
			r.byte()
		default:
			r.err = fmt.Errorf("unknown import kind %d", kind)
			return functions
		}
	}
	return functions
}

func functionSizes(r *reader) []int {
	n := r.uleb()
	sizes := make([]int, 0, n)
	for range n {
		start := r.at
		size := r.uleb()
		r.at += size
		sizes = append(sizes, r.at-start) // the body and its length prefix
	}
	return sizes
}

// functionNames reads subsection 1 (function names) of a name section.
func functionNames(r *reader) map[int]string {
	names := map[int]string{}
	for r.at < len(r.b) && r.err == nil {
		id := r.byte()
		size := r.uleb()
		end := r.at + size
		if id == 1 {
			n := r.uleb()
			for range n {
				index := r.uleb()
				names[index] = r.name()
			}
		}
		r.at = end
	}
	return names
}

type reader struct {
	b   []byte
	at  int
	err error
}

func (r *reader) byte() byte {
	if r.at >= len(r.b) {
		r.err = errors.New("unexpected end")
		return 0
	}
	c := r.b[r.at]
	r.at++
	return c
}

func (r *reader) uleb() int {
	var v, shift int
	for {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		v |= int(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
		shift += 7
		if shift > 35 {
			r.err = errors.New("LEB128 too long")
			return 0
		}
	}
}

func (r *reader) name() string {
	n := r.uleb()
	if r.err != nil || r.at+n > len(r.b) {
		r.err = errors.New("name runs past its section")
		return ""
	}
	s := string(r.b[r.at : r.at+n])
	r.at += n
	return s
}

func (r *reader) limits() {
	if flags := r.byte(); flags&1 != 0 {
		r.uleb()
		r.uleb()
	} else {
		r.uleb()
	}
}
