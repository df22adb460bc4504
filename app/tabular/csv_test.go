package tabular

import (
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// parsed is what a parser made of a text: the records, the line each
// starts on, and whether it failed (after the records).
type parsed struct {
	records [][]string
	lines   []int
	err     error
}

func parseOurs(s string) parsed {
	var p parsed
	r := newReader(s)
	for {
		rec, line, err := r.next()
		if err == io.EOF {
			return p
		}
		if err != nil {
			p.err = err
			return p
		}
		p.records = append(p.records, append([]string(nil), rec...))
		p.lines = append(p.lines, line)
	}
}

// parseOracle is encoding/csv with its defaults, any number of fields per
// record, and the byte order mark removed first.
func parseOracle(s string) parsed {
	var p parsed
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\uFEFF")))
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return p
		}
		if err != nil {
			p.err = err
			return p
		}
		line, _ := r.FieldPos(0)
		p.records = append(p.records, rec)
		p.lines = append(p.lines, line)
	}
}

func compareWithOracle(t *testing.T, input string) {
	t.Helper()
	got, want := parseOurs(input), parseOracle(input)
	if (got.err == nil) != (want.err == nil) || !reflect.DeepEqual(got.records, want.records) ||
		!reflect.DeepEqual(got.lines, want.lines) {
		t.Fatalf("input %q:\nours       %q lines %v err %v\nencoding/csv %q lines %v err %v",
			input, got.records, got.lines, got.err, want.records, want.lines, want.err)
	}
	// The two agree on the line of a quoting error too (but for an
	// unclosed quote, where encoding/csv counts the lines differently).
	var pe *csv.ParseError
	if errors.As(want.err, &pe) && !strings.Contains(got.err.Error(), "not closed") {
		if prefix := "tabular: line " + strconv.Itoa(pe.Line) + ": "; !strings.HasPrefix(got.err.Error(), prefix) {
			t.Fatalf("input %q: error %q, encoding/csv says line %d (%v)", input, got.err, pe.Line, want.err)
		}
	}
}

func TestReaderTricky(t *testing.T) {
	tests := []struct {
		in    string
		want  [][]string
		lines []int
	}{
		{"", nil, nil},
		{"a", [][]string{{"a"}}, []int{1}},
		{"a,b\n", [][]string{{"a", "b"}}, []int{1}},
		{"a,b\r\nc,d\r\n", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}},
		{"a,b\nc,d", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}},
		{"\uFEFFname,x\n1,2\n", [][]string{{"name", "x"}, {"1", "2"}}, []int{1, 2}},
		{`"a,b","c""d",e` + "\n", [][]string{{"a,b", `c"d`, "e"}}, []int{1}},
		{"\"multi\nline\",x\ny,z\n", [][]string{{"multi\nline", "x"}, {"y", "z"}}, []int{1, 3}},
		{"\"multi\r\nline\"\r\n", [][]string{{"multi\nline"}}, []int{1}},
		{"\n\na\n\n\nb\n\n", [][]string{{"a"}, {"b"}}, []int{3, 6}},
		{",\n", [][]string{{"", ""}}, []int{1}},
		{`""` + "\n", [][]string{{""}}, []int{1}},
		{`"",""`, [][]string{{"", ""}}, []int{1}},
		{"a\rb,c\n", [][]string{{"a\rb", "c"}}, []int{1}},
		{"a,b\r", [][]string{{"a", "b"}}, []int{1}},
		{" a , b ", [][]string{{" a ", " b "}}, []int{1}},
		{"é,ü\n", [][]string{{"é", "ü"}}, []int{1}},
		{"a,\"\"\"\"", [][]string{{"a", `"`}}, []int{1}},
	}
	for _, tt := range tests {
		got := parseOurs(tt.in)
		if got.err != nil || !reflect.DeepEqual(got.records, tt.want) || !reflect.DeepEqual(got.lines, tt.lines) {
			t.Errorf("input %q: %q lines %v err %v, want %q lines %v", tt.in, got.records, got.lines, got.err, tt.want, tt.lines)
		}
		compareWithOracle(t, tt.in)
	}
}

func TestReaderErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a,b\"c\n", `tabular: line 1: bare " in a field that is not quoted`},
		{"a\nb,\"c\"d\n", `tabular: line 2: extraneous " in a quoted field (a quote must be doubled, "")`},
		{"a\n\"open\n\n", `tabular: line 3: quoted field not closed before the end of the input`},
		{"\"open", `tabular: line 1: quoted field not closed before the end of the input`},
		{"x,\"a\"\"", `tabular: line 1: quoted field not closed before the end of the input`},
	} {
		got := parseOurs(c.in)
		if got.err == nil || got.err.Error() != c.want {
			t.Errorf("input %q: error %v, want %q", c.in, got.err, c.want)
		}
		compareWithOracle(t, c.in)
	}
}

// randomCSV makes a CSV text, mostly well formed, from pieces that
// exercise the corners: separators inside quotes, doubled quotes, CR, LF,
// CRLF, blank lines, a BOM, a missing final newline, stray quotes.
func randomCSV(r *rand.Rand) string {
	pieces := []string{"", "a", "bc", " ", ",", `"`, `""`, "\n", "\r\n", "\r", "é", "1.5", "-2e3", "\uFEFF", "x y", "\t"}
	var b strings.Builder
	if r.IntN(8) == 0 {
		b.WriteString("\uFEFF")
	}
	records := r.IntN(6)
	width := 1 + r.IntN(4)
	for i := 0; i < records; i++ {
		n := width
		if r.IntN(6) == 0 {
			n = 1 + r.IntN(5)
		}
		for j := 0; j < n; j++ {
			if j > 0 {
				b.WriteByte(',')
			}
			var f strings.Builder
			for k := r.IntN(4); k > 0; k-- {
				f.WriteString(pieces[r.IntN(len(pieces))])
			}
			field := f.String()
			special := strings.ContainsAny(field, ",\"\r\n")
			switch {
			case special && r.IntN(12) != 0, !special && r.IntN(4) == 0:
				b.WriteString(`"` + strings.ReplaceAll(field, `"`, `""`) + `"`)
			default:
				b.WriteString(field) // raw: sometimes malformed
			}
		}
		switch r.IntN(10) {
		case 0:
			b.WriteString("\r\n")
		case 1:
			b.WriteString("\n\n")
		case 2:
			b.WriteString("\r\n\r\n")
		default:
			b.WriteString("\n")
		}
	}
	s := b.String()
	if r.IntN(3) == 0 && s != "" {
		s = strings.TrimRight(s, "\r\n")
	}
	if r.IntN(6) == 0 && s != "" { // a stray byte somewhere
		i := r.IntN(len(s) + 1)
		s = s[:i] + []string{`"`, "\r", "\n", ","}[r.IntN(4)] + s[i:]
	}
	return s
}

func TestReaderMatchesEncodingCSV(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 24))
	trials := 100000
	if testing.Short() {
		trials = 10000
	}
	failures := 0
	for i := 0; i < trials; i++ {
		s := randomCSV(r)
		got := parseOurs(s)
		if got.err != nil {
			failures++
		}
		compareWithOracle(t, s)
	}
	t.Logf("%d random inputs, %d of them malformed", trials, failures)
}

func FuzzReader(f *testing.F) {
	for _, s := range []string{"a,b\nc,d\n", `"a""b",c`, "\"x\r\ny\"\r\n", "a\"b", "\uFEFF\"", "\n\r\n\r", `"a"b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		compareWithOracle(t, s)
	})
}
