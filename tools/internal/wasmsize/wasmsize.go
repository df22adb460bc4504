// Package wasmsize explains the size of a Go wasm module: how many bytes
// of code each Go package contributes, read from the module's code and
// name sections. Go writes the name section unless linked with -s, so
// the analysis runs on an unstripped build of the same program.
package wasmsize

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gowasm/gowasm/internal/wasmfile"
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

// Analyze reads a wasm module. packages lists the import paths linked
// into it (`go list -deps`), which attribute functions to packages: the
// linker writes function names with every character other than letters,
// digits, '_' and '.' replaced by '_', so "a/b.F" appears as "a_b.F".
// Without a name section the report still has the section sizes, and
// Packages is empty.
func Analyze(module []byte, packages []string) (*Report, error) {
	sections, err := wasmfile.Sections(module)
	if err != nil {
		return nil, err
	}
	report := &Report{Total: len(module)}
	var imported int
	var bodies []int
	var names map[int]string
	for _, section := range sections {
		body := section.Body
		switch section.ID {
		case wasmfile.SectionImport:
			for _, im := range wasmfile.Imports(body) {
				if im.Kind == wasmfile.KindFunction {
					imported++
				}
			}
		case wasmfile.SectionCode:
			report.Code = section.Size
			bodies = functionSizes(body)
		case wasmfile.SectionData:
			report.Data = section.Size
		case wasmfile.SectionCustom:
			if body.Name() == "name" {
				report.Names = section.Size
				names = functionNames(body)
			}
		}
		if err := body.Err(); err != nil {
			return nil, fmt.Errorf("section %d: %w", section.ID, err)
		}
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

func functionSizes(r *wasmfile.Reader) []int {
	n := r.ULEB()
	sizes := make([]int, 0, n)
	for range n {
		start := r.Offset()
		size := r.ULEB()
		r.Skip(size)
		sizes = append(sizes, r.Offset()-start) // the body and its length prefix
	}
	return sizes
}

// functionNames reads subsection 1 (function names) of a name section.
func functionNames(r *wasmfile.Reader) map[int]string {
	names := map[int]string{}
	for r.More() {
		id := r.Byte()
		size := r.ULEB()
		end := r.Offset() + size
		if id == 1 {
			n := r.ULEB()
			for range n {
				index := r.ULEB()
				names[index] = r.Name()
			}
		}
		r.Seek(end)
	}
	return names
}
