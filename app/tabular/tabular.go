// Package tabular analyses CSV text for the demo application: per-column
// statistics (Analyze) and a least-squares line through two columns
// (Regress).
//
// The CSV is RFC 4180, read by the package's own parser (see reader): the
// first record is the header, every other record must have as many
// fields. A cell is missing when it is empty or only spaces and tabs. A
// column is numeric when every other cell, without its surrounding spaces
// and tabs, parses with strconv.ParseFloat to a finite number, and at
// least one does ("NaN" and "Inf" parse, but would make every statistic
// meaningless, so they make the column text).
package tabular

import (
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
)

// MaxRows bounds the records after the header that Analyze and Regress
// accept.
const MaxRows = 1_000_000

// HistogramBins is the number of bins in Column.Histogram.
const HistogramBins = 20

// Column describes one column. Only Name, Numeric, Count and Missing are
// set for a column that is not numeric.
type Column struct {
	Name    string `json:"name"`
	Numeric bool   `json:"numeric"`
	// Count is the number of cells that are not missing.
	Count int `json:"count"`
	// Missing is the number of empty (or blank) cells.
	Missing int     `json:"missing"`
	Min     float64 `json:"min"`
	Max     float64 `json:"max"`
	Mean    float64 `json:"mean"`
	Median  float64 `json:"median"`
	// StdDev is the sample standard deviation (dividing by n − 1), 0 for
	// a single value.
	StdDev float64 `json:"stdDev"`
	// Quantiles are p05, p25, p50, p75 and p95, by linear interpolation
	// between the closest ranks: for sorted values x[0..n−1], quantile p is
	// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) with h = (n − 1)·p (NumPy's
	// default method, "linear", R's type 7).
	Quantiles []float64 `json:"quantiles"`
	// Histogram counts the values in 20 equal-width bins over [HistMin,
	// HistMax]: each bin holds [lo, hi) but the last holds the maximum too,
	// as numpy.histogram does.
	Histogram []int `json:"histogram"`
	// HistMin and HistMax are the histogram's range: Min and Max, or Min −
	// 0.5 and Max + 0.5 when they are equal (every value then falls in the
	// middle bin), as numpy.histogram does.
	HistMin float64 `json:"histMin"`
	HistMax float64 `json:"histMax"`
}

// Table is the analysis of a CSV text.
type Table struct {
	// Rows is the number of records after the header.
	Rows    int      `json:"rows"`
	Columns []Column `json:"columns"`
}

// quantileProbs are the probabilities of Column.Quantiles.
var quantileProbs = [...]float64{0.05, 0.25, 0.5, 0.75, 0.95}

// Analyze reads csv (the first record is the header) and describes each
// column. It fails on a text with no header, a record whose number of
// fields differs from the header's (naming its line), malformed quoting,
// and more than MaxRows records.
//
//gowasm:export
func Analyze(csv string) (Table, error) {
	header, cols, rows, err := scan(csv, nil)
	if err != nil {
		return Table{}, err
	}
	t := Table{Rows: rows, Columns: make([]Column, len(header))}
	for i, name := range header {
		t.Columns[i] = cols[i].describe(name)
	}
	return t, nil
}

// Fit is a least-squares line y = Slope·x + Intercept.
type Fit struct {
	// N is the number of rows where both columns hold a number.
	N         int     `json:"n"`
	Slope     float64 `json:"slope"`
	Intercept float64 `json:"intercept"`
	// R2 is the coefficient of determination, in [0, 1]; 1 when y is
	// constant (the horizontal line fits exactly).
	R2 float64 `json:"r2"`
	// X and Y are the points fitted, in row order: all of them up to
	// MaxPoints, else MaxPoints of them evenly spaced by row, the first
	// and last included.
	X []float64 `json:"x"`
	Y []float64 `json:"y"`
}

// MaxPoints bounds Fit.X and Fit.Y.
const MaxPoints = 2000

// Regress fits column y against column x by least squares, over the rows
// where both cells are present. The columns are named by their header (the
// first of equal names); both must be numeric, with at least 2 such rows
// and x not constant.
//
//gowasm:export
func Regress(csv string, x, y string) (Fit, error) {
	header, cols, _, err := scan(csv, func(name string) bool { return name == x || name == y })
	if err != nil {
		return Fit{}, err
	}
	find := func(name string) (*column, error) {
		for i, h := range header {
			if h == name {
				if !cols[i].numeric || cols[i].count == 0 {
					return nil, errors.New("tabular: column " + strconv.Quote(name) + " is not numeric")
				}
				return &cols[i], nil
			}
		}
		return nil, errors.New("tabular: no column " + strconv.Quote(name))
	}
	cx, err := find(x)
	if err != nil {
		return Fit{}, err
	}
	cy, err := find(y)
	if err != nil {
		return Fit{}, err
	}
	var xs, ys []float64
	for i, vx := range cx.values {
		if vy := cy.values[i]; !math.IsNaN(vx) && !math.IsNaN(vy) {
			xs, ys = append(xs, vx), append(ys, vy)
		}
	}
	n := len(xs)
	if n < 2 {
		return Fit{}, errors.New("tabular: " + strconv.Itoa(n) + " rows hold both " + strconv.Quote(x) + " and " +
			strconv.Quote(y) + "; a line needs 2")
	}
	mx, my := mean(xs), mean(ys)
	var sxx, sxy, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	if sxx == 0 {
		return Fit{}, errors.New("tabular: column " + strconv.Quote(x) + " is constant over the rows with both values")
	}
	f := Fit{N: n, Slope: sxy / sxx}
	f.Intercept = my - f.Slope*mx
	f.R2 = 1
	if syy != 0 {
		f.R2 = min(1, sxy/sxx*(sxy/syy))
	}
	if n <= MaxPoints {
		f.X, f.Y = xs, ys
	} else {
		f.X, f.Y = make([]float64, MaxPoints), make([]float64, MaxPoints)
		for k := range MaxPoints {
			i := k * (n - 1) / (MaxPoints - 1)
			f.X[k], f.Y[k] = xs[i], ys[i]
		}
	}
	return f, nil
}

// column accumulates one column's cells. values holds a number per row
// (NaN for a missing cell) while the column may still be numeric.
type column struct {
	count, missing int
	numeric        bool
	values         []float64
}

// scan reads the whole text: the header, and the cells of each column
// that want accepts by name (every column if want is nil).
func scan(csv string, want func(name string) bool) (header []string, cols []column, rows int, err error) {
	r := newReader(csv)
	rec, _, err := r.next()
	if err == io.EOF {
		return nil, nil, 0, errors.New("tabular: no header row (the text is empty)")
	}
	if err != nil {
		return nil, nil, 0, err
	}
	header = slices.Clone(rec)
	cols = make([]column, len(header))
	var wanted []int
	for i := range cols {
		cols[i].numeric = true
		if want == nil || want(header[i]) {
			wanted = append(wanted, i)
		}
	}
	for {
		rec, line, err := r.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, 0, err
		}
		if len(rec) != len(header) {
			return nil, nil, 0, errors.New("tabular: line " + strconv.Itoa(line) + " has " + strconv.Itoa(len(rec)) +
				" fields, but the header has " + strconv.Itoa(len(header)))
		}
		if rows == MaxRows {
			return nil, nil, 0, errors.New("tabular: more than 1000000 rows")
		}
		for _, i := range wanted {
			cols[i].add(rec[i])
		}
		rows++
	}
	return header, cols, rows, nil
}

func (c *column) add(cell string) {
	cell = trimBlank(cell)
	if cell == "" {
		c.missing++
		if c.numeric {
			c.values = append(c.values, math.NaN())
		}
		return
	}
	c.count++
	if !c.numeric {
		return
	}
	v, err := strconv.ParseFloat(cell, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		c.numeric, c.values = false, nil
		return
	}
	c.values = append(c.values, v)
}

func trimBlank(s string) string {
	for s != "" && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

func (c *column) describe(name string) Column {
	col := Column{Name: name, Count: c.count, Missing: c.missing}
	if !c.numeric || c.count == 0 {
		return col
	}
	col.Numeric = true
	xs := make([]float64, 0, c.count)
	for _, v := range c.values {
		if !math.IsNaN(v) {
			xs = append(xs, v)
		}
	}
	slices.Sort(xs)
	n := len(xs)
	col.Min, col.Max = xs[0], xs[n-1]
	col.Mean = mean(xs)
	if n > 1 {
		var ss float64
		for _, v := range xs {
			d := v - col.Mean
			ss += d * d
		}
		col.StdDev = math.Sqrt(ss / float64(n-1))
	}
	col.Quantiles = make([]float64, len(quantileProbs))
	for i, p := range quantileProbs {
		col.Quantiles[i] = quantile(xs, p)
	}
	col.Median = col.Quantiles[2]
	col.Histogram, col.HistMin, col.HistMax = histogram(xs)
	return col
}

func mean(xs []float64) float64 {
	var s float64
	for _, v := range xs {
		s += v
	}
	return s / float64(len(xs))
}

// quantile is the linear interpolation between closest ranks of sorted
// values (see Column.Quantiles).
func quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	a, b := sorted[lo], sorted[lo+1]
	return a + (h-float64(lo))*(b-a)
}

// histogram bins sorted values as numpy.histogram(values, 20) does.
func histogram(sorted []float64) (bins []int, lo, hi float64) {
	bins = make([]int, HistogramBins)
	lo, hi = sorted[0], sorted[len(sorted)-1]
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
		bins[HistogramBins/2] = len(sorted)
		return bins, lo, hi
	}
	// The edges as numpy.linspace makes them: lo + k·(hi − lo)/20, the last
	// exactly hi. (When hi − lo overflows, (lo·(20 − k) + hi·k)/20 instead.)
	var edges [HistogramBins + 1]float64
	step := (hi - lo) / HistogramBins
	for k := range edges {
		if math.IsInf(step, 0) {
			edges[k] = lo/HistogramBins*float64(HistogramBins-k) + hi/HistogramBins*float64(k)
		} else {
			edges[k] = lo + float64(k)*step
		}
	}
	edges[HistogramBins] = hi
	for _, v := range sorted {
		// A first guess from the proportion, corrected against the edges.
		k := HistogramBins - 1
		if t := (v - lo) / (hi - lo); t >= 0 && t < 1 {
			k = int(t * HistogramBins)
		} else if !(t >= 1) {
			k = 0
		}
		k = min(max(k, 0), HistogramBins-1)
		for k > 0 && v < edges[k] {
			k--
		}
		for k < HistogramBins-1 && v >= edges[k+1] {
			k++
		}
		bins[k]++
	}
	return bins, lo, hi
}
