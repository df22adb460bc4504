package tabular

import (
	"errors"
	"io"
	"strconv"
)

// reader is a small RFC 4180 CSV parser over a string (encoding/csv
// would link reflect, unicode and more into the wasm). It reads what
// encoding/csv's Reader reads with its defaults (comma ',', no comments,
// strict quotes) and any number of fields per record:
//
//   - fields are separated by ',' and records by "\n" or "\r\n";
//   - a field starting with '"' is quoted: it may hold commas, newlines
//     and "" for a quote, and must be followed by ',' or the end of a
//     line; a '"' anywhere in an unquoted field is an error, as is an
//     unterminated quote;
//   - "\r\n" becomes "\n" inside quoted fields too, and a '\r' before the
//     end of the input is dropped;
//   - empty lines are skipped, and a final newline is optional;
//   - a byte order mark (U+FEFF) at the start is skipped (encoding/csv
//     would keep it as part of the first field).
//
// Unquoted fields are substrings of the input: no copying.
type reader struct {
	s      string
	pos    int
	line   int // the number of lines read so far: the current line's number
	buf    []byte
	fields []string
}

func newReader(s string) *reader {
	if len(s) >= 3 && s[:3] == "\uFEFF" {
		s = s[3:]
	}
	return &reader{s: s}
}

// readLine returns the next line without its "\n" or "\r\n" (nl says
// whether it had one), or ok false at the end of the input.
func (r *reader) readLine() (line string, nl, ok bool) {
	if r.pos >= len(r.s) {
		return "", false, false
	}
	rest := r.s[r.pos:]
	r.line++
	i := indexByte(rest, '\n')
	if i < 0 {
		r.pos = len(r.s)
		if n := len(rest); n > 0 && rest[n-1] == '\r' {
			rest = rest[:n-1]
		}
		return rest, false, true
	}
	r.pos += i + 1
	line = rest[:i]
	if i > 0 && line[i-1] == '\r' {
		line = line[:i-1]
	}
	return line, true, true
}

// next returns the next record and the line it starts on, or io.EOF.
// The record's slice is reused by the following call.
func (r *reader) next() (record []string, line int, err error) {
	var l string
	var nl, ok bool
	for {
		l, nl, ok = r.readLine()
		if !ok {
			return nil, 0, io.EOF
		}
		if l != "" {
			break
		}
	}
	start := r.line
	r.fields = r.fields[:0]
fields:
	for {
		if l == "" || l[0] != '"' {
			i := indexByte(l, ',')
			field := l
			if i >= 0 {
				field = l[:i]
			}
			if indexByte(field, '"') >= 0 {
				return nil, start, r.errorf(`bare " in a field that is not quoted`)
			}
			r.fields = append(r.fields, field)
			if i < 0 {
				break fields
			}
			l = l[i+1:]
			continue
		}
		// A quoted field, perhaps over several lines.
		l = l[1:]
		r.buf = r.buf[:0]
		for {
			i := indexByte(l, '"')
			if i < 0 {
				r.buf = append(r.buf, l...)
				if !nl {
					return nil, start, r.errorf(`quoted field not closed before the end of the input`)
				}
				r.buf = append(r.buf, '\n')
				if l, nl, ok = r.readLine(); !ok {
					return nil, start, r.errorf(`quoted field not closed before the end of the input`)
				}
				continue
			}
			r.buf = append(r.buf, l[:i]...)
			l = l[i+1:]
			switch {
			case l != "" && l[0] == '"':
				r.buf = append(r.buf, '"')
				l = l[1:]
			case l != "" && l[0] == ',':
				r.fields = append(r.fields, string(r.buf))
				l = l[1:]
				continue fields
			case l == "":
				r.fields = append(r.fields, string(r.buf))
				break fields
			default:
				return nil, start, r.errorf(`extraneous " in a quoted field (a quote must be doubled, "")`)
			}
		}
	}
	return r.fields, start, nil
}

func (r *reader) errorf(msg string) error {
	return errors.New("tabular: line " + strconv.Itoa(r.line) + ": " + msg)
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
