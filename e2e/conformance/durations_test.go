package conformance

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/e2e/internal/jsvalue"
	"github.com/gowasm/gowasm/wasmbridge"
)

// The binding checks a time.Duration argument in JavaScript, and Go
// decodes it with wasmbridge.MillisToDuration: the two must accept the
// same numbers, or a value would pass one check and fail (or change in)
// the other. Seeded random numbers and edges, checked in Node.
func TestDurationCheckAgreesWithGo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	values := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e-6, 0.5e-6, 1.5e-6, -0.5e-6, -2.5e-6,
		math.MaxInt64 / 1e6, math.MinInt64 / 1e6, 9223372036854.775, -9223372036854.775808, 1e300, math.SmallestNonzeroFloat64}
	for range 20000 {
		ns := r.Int64N(1<<62) - 1<<61
		switch r.IntN(4) {
		case 0:
			values = append(values, float64(ns)/1e6) // what Go sends
		case 1:
			values = append(values, float64(ns>>r.IntN(40))/1e6)
		case 2:
			values = append(values, (float64(ns>>r.IntN(40))+0.5)/1e6) // half a nanosecond: a tie
		default:
			values = append(values, math.Float64frombits(r.Uint64()))
		}
	}
	var tagged []any
	for _, v := range values {
		tagged = append(tagged, jsvalue.Number(v))
	}
	data, _ := json.Marshal(tagged)
	file := filepath.Join(t.TempDir(), "values.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := harness.Node(t, "js/durations.mjs", filepath.Join(harness.Root(), "web/bridge/runtime.js"), file)
	var accepted []bool
	if err := json.Unmarshal(out, &accepted); err != nil || len(accepted) != len(values) {
		t.Fatalf("durations.mjs: %v, %d answers for %d values:\n%s", err, len(accepted), len(values), out)
	}
	agreed := 0
	for i, v := range values {
		_, ok := wasmbridge.MillisToDuration(v)
		if ok != accepted[i] {
			t.Errorf("%v ms (bits %#x): JavaScript accepts %v, Go %v", v, math.Float64bits(v), accepted[i], ok)
			continue
		}
		if ok {
			agreed++
		}
	}
	if agreed < len(values)/4 {
		t.Errorf("only %d of %d values were valid durations: the test checks too little", agreed, len(values))
	}
}
