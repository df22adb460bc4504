package fuzz

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// make test runs the fuzzer for a fixed seed and about a minute; make
// fuzz SEED=… SECONDS=… runs it longer:
//
//	go test ./e2e/fuzz -run TestFuzz -v -timeout 0 -args -seed 7 -seconds 600
//
// A failure prints a reproduction: the call as JavaScript over
// js/hostile.js, and as JSON to replay with -case or to add to
// testdata/regressions.
var (
	seedFlag    = flag.Uint64("seed", 1, "seed of the random calls")
	secondsFlag = flag.Float64("seconds", 60, "how long to fuzz, shared by the environment/mode configurations")
	caseFlag    = flag.String("case", "", "replay this call (JSON, as a failure prints it) instead of fuzzing")
)

const (
	batchSize      = 100
	knownGoodEvery = 25  // a call whose answer is known, among the random ones
	maxFailures    = 5   // per configuration, each shrunk and reported
	shrinkTries    = 150 // candidate calls per failure
	memoryBound    = 512 << 20
	batchTimeout   = 2 * time.Minute
)

// knownGood is int32(42), which must return 42 whatever came before.
var knownGood = Call{Fn: "int32", Args: []*Value{num(42)}}

var module = harness.BuildOnce("fuzz", "./e2e/fuzz/boundary")

func exports(t *testing.T) map[string]*Export {
	list, err := Exports("boundary")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]*Export{}
	for _, e := range list {
		m[e.JSName] = e
	}
	return m
}

func TestFuzz(t *testing.T) {
	m := module(t)
	byName := exports(t)
	corpus := regressions(t)
	if *caseFlag != "" {
		var c Call
		if err := json.Unmarshal([]byte(*caseFlag), &c); err != nil {
			t.Fatalf("-case: %v", err)
		}
		corpus = []regression{{name: "-case", calls: []Call{c}}}
	}
	budget := time.Duration(*secondsFlag * float64(time.Second) / float64(len(configs)))
	totals := map[string]int{}
	var mu sync.Mutex
	var summary []string
	for i, c := range configs {
		t.Run(c.String(), func(t *testing.T) {
			f := &fuzzer{t: t, c: c, m: m, byName: byName, counts: map[string]int{}}
			f.start()
			defer func() { f.r.close() }()
			f.replay(corpus)
			if *caseFlag == "" {
				f.random(*seedFlag+uint64(i), budget)
			}
			mu.Lock()
			defer mu.Unlock()
			for class, n := range f.counts {
				totals[class] += n
			}
			summary = append(summary, fmt.Sprintf("%-16s %7d calls (%d known-good), largest Go memory %.0f MiB, seed %d", c,
				f.calls, f.knownGood, f.maxMemory/(1<<20), *seedFlag+uint64(i)))
		})
	}
	fmt.Printf("fuzz: seed %d, %.0f s\n", *seedFlag, *secondsFlag)
	for _, line := range summary {
		fmt.Println("  " + line)
	}
	classes := make([]string, 0, len(totals))
	for class := range totals {
		classes = append(classes, class)
	}
	sort.Strings(classes)
	for _, class := range classes {
		marker := "  "
		if IsFailure(class) {
			marker = "✗ "
		}
		fmt.Printf("  %s%8d  %s\n", marker, totals[class], class)
	}
}

type fuzzer struct {
	t      *testing.T
	c      config
	m      harness.Module
	byName map[string]*Export
	r      runner

	counts              map[string]int
	calls, knownGood    int
	failures            int
	maxMemory           float64
	reportedEscapes     bool
	reportedMemoryBound bool
}

func (f *fuzzer) start() {
	r, err := startRunner(f.t, f.c, f.m)
	if err != nil {
		f.t.Fatalf("%s: %v", f.c, err)
	}
	f.r = r
}

func (f *fuzzer) restart() {
	f.r.close()
	f.start()
}

// random runs random calls for budget.
func (f *fuzzer) random(seed uint64, budget time.Duration) {
	g := NewGen(seed)
	list := make([]*Export, 0, len(f.byName))
	for _, e := range f.byName {
		if e.JSName != "memoryBytes" { // its answer changes with every call
			list = append(list, e)
		}
	}
	slices.SortFunc(list, func(a, b *Export) int { return strings.Compare(a.JSName, b.JSName) })
	deadline := time.Now().Add(budget)
	for time.Now().Before(deadline) && f.failures < maxFailures {
		calls := make([]Call, 0, batchSize)
		for len(calls) < batchSize {
			if len(calls)%knownGoodEvery == 0 {
				calls = append(calls, knownGood)
				f.knownGood++
			}
			calls = append(calls, g.Call(list))
		}
		f.batch(calls)
	}
	if f.failures >= maxFailures {
		f.t.Errorf("%s: stopped after %d failures", f.c, f.failures)
	}
}

// replay runs the regression corpus: calls that once failed.
func (f *fuzzer) replay(corpus []regression) {
	for _, r := range corpus {
		before := f.failures
		f.batch(r.calls)
		if f.failures > before {
			f.t.Errorf("%s: regression %s (%s) fails again", f.c, r.name, r.defect)
		}
	}
}

// batch runs calls and checks each outcome, the memory and what escaped.
func (f *fuzzer) batch(calls []Call) {
	res, err := f.r.run(calls, false, batchTimeout)
	if err != nil {
		f.crashed(calls, err)
		return
	}
	f.calls += len(calls)
	for i, out := range res.Outcomes {
		f.check(calls[i], out)
	}
	f.maxMemory = max(f.maxMemory, res.Memory)
	if res.Memory > memoryBound && !f.reportedMemoryBound {
		f.reportedMemoryBound = true
		f.counts["Go memory past its bound"]++
		f.t.Errorf("%s: Go's memory grew to %.0f MiB, past the bound of %d MiB", f.c, res.Memory/(1<<20), memoryBound>>20)
	}
	if len(res.Escaped) > 0 && !f.reportedEscapes {
		f.reportedEscapes = true
		f.counts["exception escaped the bridge"] += len(res.Escaped)
		f.t.Errorf("%s: exceptions escaped the bridge during a batch (a crash in Node):\n%s", f.c, strings.Join(res.Escaped, "\n"))
	}
}

func (f *fuzzer) check(c Call, out Outcome) {
	e, ok := f.byName[c.Fn]
	if !ok {
		f.t.Fatalf("no export %s", c.Fn)
	}
	class, detail := Check(e, c, out, f.c.remote())
	f.counts[class]++
	if IsFailure(class) {
		f.report(c, class, detail, nil)
	}
}

// crashed: the batch crashed or hung the environment. The culprit is
// found by running its calls one at a time on a fresh one.
func (f *fuzzer) crashed(calls []Call, err error) {
	f.restart()
	for _, c := range calls {
		if _, err1 := f.r.run([]Call{c}, false, batchTimeout); err1 != nil {
			f.counts["crash or hang"]++
			f.restart()
			f.report(c, "crash or hang", err1.Error(), err1)
			return
		}
	}
	f.counts["crash or hang"]++
	f.failures++
	f.t.Errorf("%s: a batch crashed or hung, but none of its calls alone did: %v", f.c, err)
}

// report shrinks a failing call and prints its reproduction.
func (f *fuzzer) report(c Call, class, detail string, crash error) {
	f.failures++
	if f.failures > maxFailures {
		return
	}
	e := f.byName[c.Fn]
	classify := func(cand Call) string {
		res, err := f.r.run([]Call{cand}, false, batchTimeout)
		if err != nil {
			f.restart()
			return "crash or hang"
		}
		cl, _ := Check(e, cand, res.Outcomes[0], f.c.remote())
		return cl
	}
	small := Shrink(c, class, shrinkTries, classify)
	source := "(the environment crashed)"
	if res, err := f.r.run([]Call{small}, true, batchTimeout); err == nil {
		source = res.Outcomes[0].Source
		if crash == nil {
			if cl, d := Check(e, small, res.Outcomes[0], f.c.remote()); IsFailure(cl) {
				detail = d
			} else {
				detail += "\n  (run alone, the call passes: it fails after the calls before it)"
			}
		}
	} else {
		f.restart()
	}
	data, _ := json.Marshal(small)
	f.t.Errorf(`%s: %s: %s
  %s
  reproduce (api from load() in mode '%s'; hostile from e2e/fuzz/js/hostile.js; realm another global):
    %s
  replay: go test ./e2e/fuzz -run 'TestFuzz/%s' -args -case '%s'
  (or add it to e2e/fuzz/testdata/regressions)`,
		f.c, qualified(c.Fn), class, detail, f.c.mode, source, f.c, strings.ReplaceAll(string(data), "'", `'\''`))
}

// regression is a file of testdata/regressions: calls that once failed,
// replayed first in every configuration.
type regression struct {
	name, defect string
	calls        []Call
}

func regressions(t *testing.T) []regression {
	files, err := filepath.Glob("testdata/regressions/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []regression
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			Defect string `json:"defect"`
			Calls  []Call `json:"calls"`
		}
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out = append(out, regression{name: filepath.Base(file), defect: r.Defect, calls: r.Calls})
	}
	return out
}
