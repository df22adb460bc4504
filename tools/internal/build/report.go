package build

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// topPackages is how many Go packages the size table lists per module.
const topPackages = 12

// PrintTable writes the size table: raw, gzip and brotli bytes per asset,
// then, for each wasm module, the Go packages with the most code.
func (r *Result) PrintTable(w io.Writer) {
	width := len("total (as sent)")
	for _, a := range r.Assets {
		width = max(width, len(a.Path))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\traw\tgzip\tbrotli\t\n", width, "asset")
	var raw, gz, br int
	for _, a := range r.Assets {
		fmt.Fprintf(tw, "%-*s\t%s\t%s\t%s\t\n", width, a.Path, human(a.Raw), orDash(a.Gzip), orDash(a.Brotli))
		raw += a.Raw
		gz += pick(a.Gzip, a.Raw)
		br += pick(a.Brotli, a.Raw)
	}
	fmt.Fprintf(tw, "%-*s\t%s\t%s\t%s\t\n", width, "total (as sent)", human(raw), human(gz), human(br))
	tw.Flush()
	for _, m := range r.Modules {
		fmt.Fprintf(w, "\n%s: %s of code, %s of data; largest Go packages by code size:\n", m.Package, human(m.Code), human(m.Data))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		shown := m.Packages[:min(topPackages, len(m.Packages))]
		nameWidth := 0
		for _, p := range shown {
			nameWidth = max(nameWidth, len(p.Package))
		}
		for _, p := range shown {
			fmt.Fprintf(tw, "  %-*s\t%s\t%.1f%%\t\n", nameWidth, p.Package, human(p.Bytes), 100*float64(p.Bytes)/float64(m.Code))
		}
		tw.Flush()
	}
}

func pick(compressed, raw int) int {
	if compressed > 0 {
		return compressed
	}
	return raw
}

func orDash(n int) string {
	if n == 0 {
		return "-"
	}
	return human(n)
}

func human(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d B", n)
	}
}
