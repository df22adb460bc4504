package wasmbridge

import (
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestEncoderLayout(t *testing.T) {
	// The layout is shared with web/bridge/codec.js; check it against
	// encoding/binary rather than against the decoder.
	var e Encoder
	e.Bool(true)
	e.Int8(-2)
	e.Uint16(0xBEEF)
	e.Int32(-5)
	e.Float32(1.5)
	e.Uint64(math.MaxUint64 - 1)
	e.Float64(math.Inf(-1))
	e.Int(-7)
	e.String("é\x00")
	EncodeNumbers(&e, []int16{-1, 2})

	var want []byte
	want = append(want, 1, 0xFE)
	want = binary.LittleEndian.AppendUint16(want, 0xBEEF)
	want = binary.LittleEndian.AppendUint32(want, uint32(0xFFFFFFFB))
	want = binary.LittleEndian.AppendUint32(want, math.Float32bits(1.5))
	want = binary.LittleEndian.AppendUint64(want, math.MaxUint64-1)
	want = binary.LittleEndian.AppendUint64(want, math.Float64bits(math.Inf(-1)))
	want = binary.LittleEndian.AppendUint64(want, math.Float64bits(-7))
	want = binary.LittleEndian.AppendUint32(want, 3)
	want = append(want, "é\x00"...)
	want = binary.LittleEndian.AppendUint32(want, 2)
	want = binary.LittleEndian.AppendUint16(want, 0xFFFF)
	want = binary.LittleEndian.AppendUint16(want, 2)
	if !slices.Equal(e.Bytes(), want) {
		t.Fatalf("encoded\n %x\nwant\n %x", e.Bytes(), want)
	}
}

func TestRoundTrip(t *testing.T) {
	var e Encoder
	e.Bool(false)
	e.Uint8(255)
	e.Int16(math.MinInt16)
	e.Uint32(math.MaxUint32)
	e.Int64(math.MinInt64)
	e.Float64(math.Copysign(0, -1))
	e.Uint(1<<53 - 1)
	e.String("")
	e.String("a\U0001F600")
	EncodeNumbers(&e, []float64{math.NaN(), 1})
	EncodeNumbers[uint64](&e, nil)

	d := NewDecoder(e.Bytes())
	if d.Bool() != false || d.Uint8() != 255 || d.Int16() != math.MinInt16 || d.Uint32() != math.MaxUint32 ||
		d.Int64() != math.MinInt64 {
		t.Fatal("integers did not round-trip")
	}
	if z := d.Float64(); z != 0 || !math.Signbit(z) {
		t.Fatalf("-0 came back as %v", z)
	}
	if d.Uint() != 1<<53-1 || d.String() != "" || d.String() != "a\U0001F600" {
		t.Fatal("uint or strings did not round-trip")
	}
	f := DecodeNumbers[float64](d)
	if len(f) != 2 || !math.IsNaN(f[0]) || f[1] != 1 {
		t.Fatalf("floats = %v", f)
	}
	if u := DecodeNumbers[uint64](d); u == nil || len(u) != 0 {
		t.Fatalf("nil slice decoded as %#v, want empty non-nil", u)
	}
	if err := d.Finish("v"); err != nil {
		t.Fatal(err)
	}
}

func TestUnsafeInteger(t *testing.T) {
	var e Encoder
	e.Int(1<<53 - 1)
	e.Int(-(1<<53 - 1))
	if e.Err() != nil {
		t.Fatalf("safe integers rejected: %v", e.Err())
	}
	e.Int(1 << 53)
	if !errors.Is(e.Err(), ErrUnsafeInteger) {
		t.Fatalf("2^53 accepted, err = %v", e.Err())
	}
	var u Encoder
	u.Uint(math.MaxUint64)
	if !errors.Is(u.Err(), ErrUnsafeInteger) {
		t.Fatalf("MaxUint64 accepted, err = %v", u.Err())
	}
}

// Malformed input never panics: each case is an error naming the
// parameter, reported by Finish.
func TestMalformedInput(t *testing.T) {
	count := func(n uint32, rest ...byte) []byte { return append(binary.LittleEndian.AppendUint32(nil, n), rest...) }
	float := func(f float64) []byte { return binary.LittleEndian.AppendUint64(nil, math.Float64bits(f)) }
	for name, c := range map[string]struct {
		input []byte
		read  func(*Decoder)
		want  string
	}{
		"int32 cut short":   {[]byte{1, 2}, func(d *Decoder) { d.Int32() }, "ends early"},
		"string cut short":  {count(2, 'a'), func(d *Decoder) { _ = d.String() }, "ends early"},
		"numbers cut short": {count(2, 1, 2, 3, 4, 5, 6, 7, 8), func(d *Decoder) { DecodeNumbers[float64](d) }, "exceeds the 8 bytes left"},
		"huge count":        {count(math.MaxUint32), func(d *Decoder) { _ = make([]string, d.Count(4)) }, "a count of 4294967295"},
		"bool of 2":         {[]byte{2}, func(d *Decoder) { d.Bool() }, "a bool is 2"},
		"int not integral":  {float(1.5), func(d *Decoder) { d.Int() }, "an int is 1.5"},
		"int not safe":      {float(1 << 53), func(d *Decoder) { d.Int() }, "not a safe integer"},
		"uint negative":     {float(-1), func(d *Decoder) { d.Uint() }, "a uint is -1"},
		"int NaN":           {float(math.NaN()), func(d *Decoder) { d.Int() }, "an int is NaN"},
		"left over":         {[]byte{1, 0}, func(d *Decoder) { d.Bool() }, "1 bytes left over"},
		"after an error":    {[]byte{9, 0, 0, 0, 0}, func(d *Decoder) { d.Bool(); d.Int32(); _ = d.String() }, "a bool is 9"},
	} {
		t.Run(name, func(t *testing.T) {
			d := NewDecoder(c.input)
			c.read(d)
			err := d.Finish("p")
			var bad *ArgumentError
			if !errors.As(err, &bad) || bad.Param != "p" || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Finish = %v, want an ArgumentError for p containing %q", err, c.want)
			}
		})
	}
}

// A count is bounded by the input left, so a lying count allocates
// nothing: decoding 4 GiB worth of announced strings from 4 bytes must
// not grow the heap.
func TestCountDoesNotAllocate(t *testing.T) {
	input := binary.LittleEndian.AppendUint32(nil, math.MaxUint32)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	d := NewDecoder(input)
	s := make([]string, d.Count(4))
	runtime.ReadMemStats(&after)
	if len(s) != 0 || d.Err() == nil {
		t.Fatalf("Count accepted %d elements from %d bytes", len(s), len(input))
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("decoding a lying count allocated %d bytes", grew)
	}
}

func TestSortedKeys(t *testing.T) {
	got := SortedKeys(map[string]int{"b": 1, "a": 2, "": 3, "é": 4})
	if want := []string{"", "a", "b", "é"}; !slices.Equal(got, want) {
		t.Fatalf("SortedKeys = %q, want %q", got, want)
	}
}

// Every time.Duration within ±2^51 ns crosses to a number of
// milliseconds and back unchanged; whole milliseconds do far beyond.
func TestDurationRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	check := func(d int64) {
		var e Encoder
		e.Duration(d)
		if e.Err() != nil {
			t.Fatalf("Duration(%d): %v", d, e.Err())
		}
		got := NewDecoder(e.Bytes()).Duration()
		if got != d {
			t.Fatalf("Duration(%d) came back as %d", d, got)
		}
	}
	for range 100000 {
		check(r.Int64N(1<<52) - 1<<51)
		check((r.Int64N(1<<40) - 1<<39) * 1e6) // whole milliseconds, ±17 years
	}
	for _, d := range []int64{0, 1, -1, 1<<51 - 1, -(1<<51 - 1)} {
		check(d)
	}
	var e Encoder
	e.Duration(1<<62 + 1) // no float64 holds it
	if !errors.Is(e.Err(), ErrInexactDuration) {
		t.Errorf("Duration(2^62+1): err %v, want ErrInexactDuration", e.Err())
	}
}

// A time crosses as the milliseconds of a Date, rounded down, within a
// Date's range.
func TestTimeMillis(t *testing.T) {
	for _, c := range []struct {
		sec  int64
		nsec int
		ms   float64
		err  error
	}{
		{0, 0, 0, nil},
		{0, 999_999, 0, nil},
		{-1, 999_999_999, -1, nil}, // 1 ns before 1970 is in its last millisecond
		{8.64e12, 0, 8.64e15, nil},
		{8.64e12, 1e6, 0, ErrDateRange},
		{-8.64e12, 0, -8.64e15, nil},
		{-8.64e12 - 1, 999_999_999, 0, ErrDateRange}, // 1 ms before the first Date
		{math.MaxInt64, 0, 0, ErrDateRange},
		{math.MinInt64, 0, 0, ErrDateRange},
	} {
		var e Encoder
		e.Time(c.sec, c.nsec)
		if !errors.Is(e.Err(), c.err) {
			t.Errorf("Time(%d, %d): err %v, want %v", c.sec, c.nsec, e.Err(), c.err)
			continue
		}
		if got := NewDecoder(e.Bytes()).Float64(); c.err == nil && got != c.ms {
			t.Errorf("Time(%d, %d) = %v ms, want %v", c.sec, c.nsec, got, c.ms)
		}
	}
}
