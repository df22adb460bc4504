package wasi

import (
	"fmt"
	"os"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// TestSize prints the wasicalc module's size built for wasip1 (a WASI
// reactor) beside the same package built for js, raw, gzip and brotli,
// and checks that dropping wasm_exec.js costs no more than 5% of the
// module: a reactor carries the WASI glue Go's js runtime has not, and
// lacks syscall/js.
func TestSize(t *testing.T) {
	sizes := map[string][3]int{}
	for _, m := range []harness.Module{
		// Stripped, as gowasm module builds the wasip1 one (-trimpath -ldflags=-s -w).
		harness.Build(t, "wasi-size-js", "./e2e/wasi/testdata/wasicalc", "-ldflags=-s -w"),
		harness.BuildWASI(t, "wasi-size-wasip1", "./e2e/wasi/testdata/wasicalc"),
	} {
		raw, err := os.ReadFile(m.Wasm)
		if err != nil {
			t.Fatal(err)
		}
		gz, br := harness.Compress(raw)
		sizes[m.Name] = [3]int{len(raw), len(gz), len(br)}
	}
	js, wasip1 := sizes["wasi-size-js"], sizes["wasi-size-wasip1"]
	fmt.Printf("\nwasicalc (e2e/wasi/testdata/wasicalc), bytes   raw        gzip      brotli\n")
	fmt.Printf("  GOOS=js                                  %9d  %9d  %9d\n", js[0], js[1], js[2])
	fmt.Printf("  GOOS=wasip1 -buildmode=c-shared, section %9d  %9d  %9d\n", wasip1[0], wasip1[1], wasip1[2])
	if float64(wasip1[2]) > 1.05*float64(js[2]) {
		t.Errorf("the wasip1 module is %d bytes brotli, over 5%% more than the js one's %d", wasip1[2], js[2])
	}
}
