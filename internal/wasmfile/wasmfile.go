// Package wasmfile reads the sections of a WebAssembly module: the one
// parser of the binary format that the size report and the build share.
package wasmfile

import (
	"errors"
	"fmt"
)

// Section ids of the binary format.
const (
	SectionCustom = 0
	SectionImport = 2
	SectionExport = 7
	SectionCode   = 10
	SectionData   = 11
)

// Kinds of imports and exports.
const (
	KindFunction = 0
	KindTable    = 1
	KindMemory   = 2
	KindGlobal   = 3
)

// Section is one section of a module; Body reads its contents.
type Section struct {
	ID     byte
	Offset int // where the section starts in the module: its id
	Size   int
	Body   *Reader
}

// Sections splits module into its sections.
func Sections(module []byte) ([]Section, error) {
	if len(module) < 8 || string(module[:4]) != "\x00asm" {
		return nil, errors.New("not a WebAssembly module")
	}
	r := &Reader{b: module, at: 8}
	var sections []Section
	for r.at < len(r.b) {
		offset := r.at
		id := r.Byte()
		size := r.ULEB()
		start := r.at
		end := start + size
		if r.err != nil || end > len(r.b) {
			return nil, fmt.Errorf("truncated section at byte %d", start)
		}
		sections = append(sections, Section{ID: id, Offset: offset, Size: size, Body: &Reader{b: r.b[:end], at: start}})
		r.at = end
	}
	return sections, nil
}

// Import is an import of a module.
type Import struct {
	Module, Name string
	Kind         byte
}

// Imports reads an import section.
func Imports(r *Reader) []Import {
	n := r.ULEB()
	var imports []Import
	for range n {
		im := Import{Module: r.Name(), Name: r.Name(), Kind: r.Byte()}
		switch im.Kind {
		case KindFunction: // a type index
			r.ULEB()
		case KindTable: // element type and limits
			r.Byte()
			r.Limits()
		case KindMemory:
			r.Limits()
		case KindGlobal: // value type and mutability
			r.Byte()
			r.Byte()
		default:
			r.err = fmt.Errorf("unknown import kind %d", im.Kind)
			return imports
		}
		if r.err != nil {
			return imports
		}
		imports = append(imports, im)
	}
	return imports
}

// Export is an export of a module.
type Export struct {
	Name string
	Kind byte
}

// Exports reads an export section.
func Exports(r *Reader) []Export {
	n := r.ULEB()
	var exports []Export
	for range n {
		e := Export{Name: r.Name(), Kind: r.Byte()}
		r.ULEB() // index
		if r.err != nil {
			return exports
		}
		exports = append(exports, e)
	}
	return exports
}

// Interface reads the imports and exports of module.
func Interface(module []byte) ([]Import, []Export, error) {
	sections, err := Sections(module)
	if err != nil {
		return nil, nil, err
	}
	var imports []Import
	var exports []Export
	for _, s := range sections {
		switch s.ID {
		case SectionImport:
			imports = Imports(s.Body)
		case SectionExport:
			exports = Exports(s.Body)
		}
		if err := s.Body.Err(); err != nil {
			return nil, nil, fmt.Errorf("section %d: %w", s.ID, err)
		}
	}
	return imports, exports, nil
}

// Reader reads the values of the binary format; the first error sticks
// and later reads return zero values.
type Reader struct {
	b   []byte
	at  int
	err error
}

// Err is the first error, if any.
func (r *Reader) Err() error { return r.err }

// More reports whether bytes are left.
func (r *Reader) More() bool { return r.at < len(r.b) && r.err == nil }

// Skip moves past n bytes.
func (r *Reader) Skip(n int) { r.at += n }

// Offset is the position in the module.
func (r *Reader) Offset() int { return r.at }

// Seek moves to offset in the module.
func (r *Reader) Seek(offset int) { r.at = offset }

func (r *Reader) Byte() byte {
	if r.at >= len(r.b) {
		r.err = errors.New("unexpected end")
		return 0
	}
	c := r.b[r.at]
	r.at++
	return c
}

// ULEB reads an unsigned LEB128 number of at most 32 bits.
func (r *Reader) ULEB() int {
	var v, shift int
	for {
		c := r.Byte()
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

// Name reads a length-prefixed UTF-8 name.
func (r *Reader) Name() string {
	n := r.ULEB()
	if r.err != nil || r.at+n > len(r.b) {
		r.err = errors.New("name runs past its section")
		return ""
	}
	s := string(r.b[r.at : r.at+n])
	r.at += n
	return s
}

// Limits reads a table's or memory's limits.
func (r *Reader) Limits() {
	if flags := r.Byte(); flags&1 != 0 {
		r.ULEB()
		r.ULEB()
	} else {
		r.ULEB()
	}
}

// Custom returns the name and contents of a custom section.
func (s Section) Custom() (name string, data []byte, err error) {
	if s.ID != SectionCustom {
		return "", nil, fmt.Errorf("section %d is not a custom section", s.ID)
	}
	r := *s.Body
	name = r.Name()
	if r.err != nil {
		return "", nil, r.err
	}
	return name, r.b[r.at:], nil
}

// FindCustom returns the contents of module's first custom section
// called name; ok is false when it has none.
func FindCustom(module []byte, name string) (data []byte, ok bool, err error) {
	sections, err := Sections(module)
	if err != nil {
		return nil, false, err
	}
	for _, s := range sections {
		if s.ID != SectionCustom {
			continue
		}
		n, d, err := s.Custom()
		if err != nil {
			return nil, false, err
		}
		if n == name {
			return d, true, nil
		}
	}
	return nil, false, nil
}

// AppendCustom returns module with a custom section called name holding
// data appended: engines ignore custom sections, so this changes nothing
// a module does, only what tools can read from it.
func AppendCustom(module []byte, name string, data []byte) []byte {
	body := appendULEB(nil, len(name))
	body = append(body, name...)
	body = append(body, data...)
	out := append(module[:len(module):len(module)], SectionCustom)
	out = appendULEB(out, len(body))
	return append(out, body...)
}

func appendULEB(b []byte, v int) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
