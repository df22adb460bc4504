package tabular

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func near(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b))
}

func nearAll(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !near(a[i], b[i]) {
			return false
		}
	}
	return true
}

func TestAnalyzeKnown(t *testing.T) {
	const text = "name,age,height,note\n" +
		"Ann,30,1.5,x\n" +
		"Bob,,1.7,\n" +
		"Cid, 40 ,1.6,y\n" +
		"Dee,50,1.8,\n" +
		"Eve,20,  ,z\n"
	tab, err := Analyze(text)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows != 5 || len(tab.Columns) != 4 {
		t.Fatalf("rows %d, columns %d", tab.Rows, len(tab.Columns))
	}
	if name := tab.Columns[0]; name.Name != "name" || name.Numeric || name.Count != 5 || name.Missing != 0 || name.Quantiles != nil {
		t.Errorf("name = %+v", name)
	}
	if note := tab.Columns[3]; note.Name != "note" || note.Numeric || note.Count != 3 || note.Missing != 2 {
		t.Errorf("note = %+v", note)
	}
	// age: 30, 40, 50, 20 (sorted 20 30 40 50). Mean 35; deviations ±5,
	// ±15 give a sample variance of 500/3. Quantile p has h = 3p: p05
	// 20 + 0.15·10, p25 20 + 0.75·10, p50 30 + 0.5·10, p75 40 + 0.25·10,
	// p95 40 + 0.85·10. Bins of width 1.5 over [20, 50]: 20 → 0, 30 →
	// 6.67, 40 → 13.3, 50 → the last.
	age := tab.Columns[1]
	wantHist := make([]int, 20)
	wantHist[0], wantHist[6], wantHist[13], wantHist[19] = 1, 1, 1, 1
	if age.Name != "age" || !age.Numeric || age.Count != 4 || age.Missing != 1 || age.Min != 20 || age.Max != 50 ||
		age.Mean != 35 || age.Median != 35 || !near(age.StdDev, math.Sqrt(500.0/3)) ||
		!nearAll(age.Quantiles, []float64{21.5, 27.5, 35, 42.5, 48.5}) ||
		!slices.Equal(age.Histogram, wantHist) || age.HistMin != 20 || age.HistMax != 50 {
		t.Errorf("age = %+v", age)
	}
	// height: 1.5 1.7 1.6 1.8, the blank cell missing.
	h := tab.Columns[2]
	if !h.Numeric || h.Count != 4 || h.Missing != 1 || !near(h.Mean, 1.65) || !near(h.Median, 1.65) || h.Min != 1.5 || h.Max != 1.8 {
		t.Errorf("height = %+v", h)
	}
}

func TestAnalyzeColumnKinds(t *testing.T) {
	tab, err := Analyze("a,b,c,d,e,f,g\n" +
		"1,NaN,x,,0x1p4,1e400,7\n" +
		"2,3,4,,-1.5e2,1,7\n")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"a": true, "b": false, "c": false, "d": false, "e": true, "f": false, "g": true}
	for _, c := range tab.Columns {
		if c.Numeric != want[c.Name] {
			t.Errorf("column %s numeric = %v", c.Name, c.Numeric)
		}
	}
	if d := tab.Columns[3]; d.Count != 0 || d.Missing != 2 {
		t.Errorf("all-missing column = %+v", d)
	}
	if e := tab.Columns[4]; e.Min != -150 || e.Max != 16 {
		t.Errorf("hex and exponent column = %+v", e)
	}
	// A constant column: one value, numpy's range of ±0.5, the middle bin.
	g := tab.Columns[6]
	if g.Min != 7 || g.Max != 7 || g.StdDev != 0 || g.HistMin != 6.5 || g.HistMax != 7.5 || g.Histogram[10] != 2 {
		t.Errorf("constant column = %+v", g)
	}
	// A single value: standard deviation 0, every quantile the value.
	tab, _ = Analyze("v\n-3\n")
	if v := tab.Columns[0]; v.StdDev != 0 || !slices.Equal(v.Quantiles, []float64{-3, -3, -3, -3, -3}) || v.Histogram[10] != 1 {
		t.Errorf("single value = %+v", v)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "tabular: no header row (the text is empty)"},
		{"\n\r\n\n", "tabular: no header row (the text is empty)"},
		{"\uFEFF", "tabular: no header row (the text is empty)"},
		{"a,b\n1,2\n3\n", "tabular: line 3 has 1 fields, but the header has 2"},
		{"a,b\n\"multi\nline\",2\n\n3,4,5\n", "tabular: line 5 has 3 fields, but the header has 2"},
		{"a,b\n1,2\"\n", `tabular: line 2: bare " in a field that is not quoted`},
	} {
		if _, err := Analyze(c.in); err == nil || err.Error() != c.want {
			t.Errorf("Analyze(%q) error = %v, want %q", c.in, err, c.want)
		}
	}
}

func TestAnalyzeRowLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2 MB text")
	}
	text := "n\n" + strings.Repeat("1\n", MaxRows)
	tab, err := Analyze(text)
	if err != nil || tab.Rows != MaxRows {
		t.Fatalf("%d rows: %d, %v", MaxRows, tab.Rows, err)
	}
	if _, err := Analyze(text + "2\n"); err == nil || err.Error() != "tabular: more than 1000000 rows" {
		t.Fatalf("one row more: %v", err)
	}
}

// Reference implementations, written the plain way.

func refQuantile(sorted []float64, p float64) float64 {
	// NumPy's "linear": virtual index (n−1)p between its neighbours.
	idx := p * float64(len(sorted)-1)
	below := math.Floor(idx)
	above := math.Ceil(idx)
	if above >= float64(len(sorted)) {
		above = below
	}
	lo, hi := sorted[int(below)], sorted[int(above)]
	return lo + (hi-lo)*(idx-below)
}

func refHistogram(values []float64) []int {
	lo, hi := slices.Min(values), slices.Max(values)
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	edges := make([]float64, 21)
	for k := range edges {
		edges[k] = lo + float64(k)*((hi-lo)/20)
	}
	edges[20] = hi
	bins := make([]int, 20)
	for _, v := range values {
		k := 0
		for k < 19 && v >= edges[k+1] {
			k++
		}
		bins[k]++
	}
	return bins
}

func TestStatsMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for trial := 0; trial < 300; trial++ {
		n := 1 + r.IntN(200)
		values := make([]float64, n)
		scale := math.Pow(10, float64(r.IntN(12)-6))
		for i := range values {
			switch r.IntN(5) {
			case 0:
				values[i] = float64(r.IntN(5)) * scale // ties
			case 1:
				values[i] = r.NormFloat64()*scale + 3*scale
			default:
				values[i] = r.Float64() * scale
			}
		}
		var b strings.Builder
		b.WriteString("v,w\n")
		missing := 0
		for i, v := range values {
			if r.IntN(10) == 0 {
				b.WriteString(",x\n")
				missing++
			}
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64) + "," + strconv.Itoa(i) + "\n")
		}
		tab, err := Analyze(b.String())
		if err != nil {
			t.Fatal(err)
		}
		c := tab.Columns[0]
		sorted := slices.Clone(values)
		sort.Float64s(sorted)
		var sum float64
		for _, v := range values {
			sum += v
		}
		mean := sum / float64(n)
		var ss float64
		for _, v := range values {
			ss += (v - mean) * (v - mean)
		}
		std := 0.0
		if n > 1 {
			std = math.Sqrt(ss / float64(n-1))
		}
		var q []float64
		for _, p := range []float64{0.05, 0.25, 0.5, 0.75, 0.95} {
			q = append(q, refQuantile(sorted, p))
		}
		if tab.Rows != n+missing || c.Count != n || c.Missing != missing || c.Min != sorted[0] || c.Max != sorted[n-1] ||
			!near(c.Mean, mean) || !near(c.StdDev, std) || !nearAll(c.Quantiles, q) || c.Median != c.Quantiles[2] ||
			!slices.Equal(c.Histogram, refHistogram(values)) {
			t.Fatalf("values %v:\ngot %+v\nwant mean %v std %v quantiles %v histogram %v",
				values, c, mean, std, q, refHistogram(values))
		}
		total := 0
		for _, k := range c.Histogram {
			total += k
		}
		if total != n {
			t.Fatalf("histogram holds %d of %d values", total, n)
		}
	}
}

func TestHistogramEdges(t *testing.T) {
	// 0..20: each integer in its own bin but 20, which joins 19 in the last.
	var values []float64
	for v := 0; v <= 20; v++ {
		values = append(values, float64(v))
	}
	bins, lo, hi := histogram(values)
	want := []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2}
	if !slices.Equal(bins, want) || lo != 0 || hi != 20 {
		t.Fatalf("histogram(0..20) = %v [%v, %v]", bins, lo, hi)
	}
	// Values spanning more than float64's range still land somewhere.
	bins, _, _ = histogram([]float64{-1.5e308, 0, 1.5e308})
	if bins[0] != 1 || bins[19] != 1 || bins[10] != 1 {
		t.Fatalf("histogram of a huge span = %v", bins)
	}
}

func TestRegressExactLines(t *testing.T) {
	for _, line := range [][2]float64{{3, -2}, {-0.5, 10}, {0, 4}, {1e-3, 1e6}} {
		var b strings.Builder
		b.WriteString("x,y,label\n")
		for i := -5; i < 40; i++ {
			x := float64(i) * 0.25
			fmt.Fprintf(&b, "%v,%v,p%d\n", x, line[0]*x+line[1], i)
		}
		b.WriteString("7,,gap\n,1,gap\n")
		fit, err := Regress(b.String(), "x", "y")
		if err != nil {
			t.Fatal(err)
		}
		if fit.N != 45 || math.Abs(fit.Slope-line[0]) > 1e-9 || math.Abs(fit.Intercept-line[1]) > 1e-9*math.Max(1, math.Abs(line[1])) ||
			math.Abs(fit.R2-1) > 1e-12 || len(fit.X) != 45 || fit.X[0] != -1.25 || fit.Y[44] != line[0]*9.75+line[1] {
			t.Errorf("line %v: %+v", line, fit)
		}
	}
}

func TestRegressMatchesNormalEquations(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	var b strings.Builder
	b.WriteString("a,b\n")
	var xs, ys []float64
	for i := 0; i < 5000; i++ {
		x := r.Float64() * 100
		y := 2*x + 5 + r.NormFloat64()*20
		xs, ys = append(xs, x), append(ys, y)
		b.WriteString(strconv.FormatFloat(x, 'g', -1, 64) + "," + strconv.FormatFloat(y, 'g', -1, 64) + "\n")
	}
	fit, err := Regress(b.String(), "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	// β = (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), r² = correlation squared.
	var sx, sy, sxx, sxy, syy float64
	for i := range xs {
		sx, sy = sx+xs[i], sy+ys[i]
		sxx, sxy, syy = sxx+xs[i]*xs[i], sxy+xs[i]*ys[i], syy+ys[i]*ys[i]
	}
	n := float64(len(xs))
	slope := (n*sxy - sx*sy) / (n*sxx - sx*sx)
	intercept := (sy - slope*sx) / n
	rr := (n*sxy - sx*sy) / math.Sqrt((n*sxx-sx*sx)*(n*syy-sy*sy))
	if fit.N != 5000 || math.Abs(fit.Slope-slope) > 1e-9 || math.Abs(fit.Intercept-intercept) > 1e-7 || math.Abs(fit.R2-rr*rr) > 1e-9 {
		t.Fatalf("fit %v %v %v, normal equations %v %v %v", fit.Slope, fit.Intercept, fit.R2, slope, intercept, rr*rr)
	}
	// 2000 points evenly sampled by row, first and last included.
	if len(fit.X) != MaxPoints || len(fit.Y) != MaxPoints || fit.X[0] != xs[0] || fit.X[MaxPoints-1] != xs[4999] ||
		fit.Y[1000] != ys[1000*4999/1999] {
		t.Fatalf("sampled points: %d, %v…%v", len(fit.X), fit.X[0], fit.X[len(fit.X)-1])
	}
}

func TestRegressErrors(t *testing.T) {
	const text = "x,y,name,empty,same\n1,2,a,,5\n2,4,b,,5\n3,,c,,5\n"
	for _, c := range []struct{ x, y, want string }{
		{"x", "z", `tabular: no column "z"`},
		{"x", "name", `tabular: column "name" is not numeric`},
		{"empty", "y", `tabular: column "empty" is not numeric`},
		{"same", "y", `tabular: column "same" is constant over the rows with both values`},
	} {
		if _, err := Regress(text, c.x, c.y); err == nil || err.Error() != c.want {
			t.Errorf("Regress(%s, %s) error = %v, want %q", c.x, c.y, err, c.want)
		}
	}
	if _, err := Regress("x,y\n1,2\n2,\n", "x", "y"); err == nil || err.Error() != `tabular: 1 rows hold both "x" and "y"; a line needs 2` {
		t.Errorf("one point: %v", err)
	}
	if _, err := Regress("", "x", "y"); err == nil {
		t.Error("empty text accepted")
	}
	// A constant y is a perfect horizontal fit.
	fit, err := Regress("x,y\n1,3\n2,3\n5,3\n", "x", "y")
	if err != nil || fit.Slope != 0 || fit.Intercept != 3 || fit.R2 != 1 {
		t.Errorf("constant y: %+v, %v", fit, err)
	}
}

func benchCSV(rows int) string {
	r := rand.New(rand.NewPCG(7, 7))
	var b strings.Builder
	b.WriteString("id,x,y,category,score\n")
	for i := 0; i < rows; i++ {
		x := r.Float64() * 1000
		fmt.Fprintf(&b, "%d,%.4f,%.4f,%s,%d\n", i, x, 3*x+r.NormFloat64(), []string{"red", "green", `"blue, dark"`}[i%3], r.IntN(100))
	}
	return b.String()
}

func BenchmarkAnalyze(b *testing.B) {
	text := benchCSV(100_000)
	b.Run("100k-rows", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			if _, err := Analyze(text); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkRegress(b *testing.B) {
	text := benchCSV(100_000)
	b.Run("100k-rows", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			if _, err := Regress(text, "x", "y"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkReader(b *testing.B) {
	text := benchCSV(100_000)
	b.Run("100k-rows", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			r := newReader(text)
			for {
				if _, _, err := r.next(); err != nil {
					break
				}
			}
		}
	})
}
