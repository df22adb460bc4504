package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/e2e/internal/jsvalue"
)

var module = harness.BuildOnce("conformance", "./e2e/conformance")

// Scenarios per mode: each mode runs the value and bad-input cases, then these.
var scenarioNames = map[string][]string{
	"inline": {"nestedEncode", "badRecords", "clampedBytes", "callbackThrows", "blocking", "keepsState", "abortRunning", "abortBeforeStart", "exit", "asyncExit", "noLeak", "checksumInline",
		"reentryWorks", "reentryBlocks", "reentryExits", "reentryTraps", "trap", "asyncTrap", "exitPending", "longString", "deepTree", "getterRestarts"},
	"worker": {"many", "abortQueued", "abortRunningSync", "abortRunningAsync", "workerExit", "workerAsyncExit", "workerFatalPanic", "workerOutOfMemory", "workerBlocking", "workerTrap", "workerAsyncTrap", "crashMidCall", "progress", "checksum", "transport", "close"},
	"pool":   {"many", "abortQueued", "crashMidCall", "progress", "checksum", "transport", "close"},
}

// resultsMarker precedes the results in the output of js/node.mjs.
const resultsMarker = "\n@results\n"

// poolWorkers is the pool size: the machine's two cores.
const poolWorkers = 2

// runs are the suite's configurations: inline, and worker and pool modes
// with sync calls through memory shared with the workers (channel.js) and
// through messages.
var runs = []run{{"inline", false}, {"worker", true}, {"worker", false}, {"pool", true}, {"pool", false}}

type run struct {
	mode         string
	sharedMemory bool // which way worker and pool modes' sync calls cross
}

func (r run) String() string {
	switch {
	case r.mode == "inline":
		return r.mode
	case r.sharedMemory:
		return r.mode + "/shared-memory"
	default:
		return r.mode + "/messages"
	}
}

// allCases interleaves a good call after every bad one, so each bad input
// also proves that the instance still serves.
func allCases() []testCase {
	cases := append(okCases(), idiomCases()...)
	for _, b := range append(badCases(), idiomBadCases()...) {
		cases = append(cases, b, testCase{fn: "add", native: Add, args: []any{40, 2}})
	}
	return cases
}

// writeSpec writes the runner's spec for r: the cases, then its mode's
// scenarios. sharedMemory is load()'s option of that name.
func writeSpec(t *testing.T, r run, sharedMemory bool, cases []testCase) string {
	return writeSpecWith(t, r.mode, sharedMemory, scenarioNames[r.mode], cases)
}

// writeSpecWith writes the runner's spec: the cases, then the scenarios
// named.
func writeSpecWith(t *testing.T, mode string, sharedMemory bool, scenarios []string, cases []testCase) string {
	spec := struct {
		Mode         string           `json:"mode"`
		Workers      int              `json:"workers"`
		SharedMemory bool             `json:"sharedMemory"`
		Cases        []map[string]any `json:"cases"`
		Names        []string         `json:"scenarios"`
	}{Mode: mode, Workers: poolWorkers, SharedMemory: sharedMemory, Names: scenarios}
	for _, c := range cases {
		spec.Cases = append(spec.Cases, map[string]any{"fn": c.fn, "args": c.jsArgs()})
	}
	data, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

type runOutput struct {
	Results   []map[string]any          `json:"results"`
	Scenarios map[string]map[string]any `json:"scenarios"`
}

// TestNode runs the suite in Node, in every mode (worker threads stand in
// for Web Workers), worker and pool modes with shared memory, which Node
// always has, and with sharedMemory: false.
func TestNode(t *testing.T) {
	m := module(t)
	cases := allCases()
	for _, r := range runs {
		t.Run(r.String(), func(t *testing.T) {
			out := harness.Node(t, "js/node.mjs", harness.WasmExec(t),
				filepath.Join(harness.Root(), "web/bridge/index.js"), m.Binding, m.Wasm, writeSpec(t, r, r.sharedMemory, cases))
			check(t, r, cases, out)
		})
	}
}

// TestMalformedArguments sends Go encoded arguments the generated
// JavaScript never produces, as a binding of another gowasm version
// could: each must be a TypeError naming the parameter, never a panic or
// an allocation of what a count announces.
func TestMalformedArguments(t *testing.T) {
	m := module(t)
	out := harness.Node(t, "js/malformed.mjs", harness.WasmExec(t),
		filepath.Join(harness.Root(), "web/bridge/runtime.js"), m.Binding, m.Wasm)
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("malformed.mjs: %v\n%s", err, out)
	}
	for name, want := range map[string]string{
		"hugeCount": `conformance.join: parameter "parts" reached Go malformed (a count of 4294967295 elements`,
		"leftOver":  `conformance.join: parameter "sep" reached Go malformed (1 bytes left over`,
		"async":     `conformance.asyncWords: parameter "s" reached Go malformed (encoded input ends early`,
	} {
		e, _ := got[name].(map[string]any)["error"].(map[string]any)
		if e["class"] != "TypeError" || !strings.HasPrefix(fmt.Sprint(e["message"]), want) {
			t.Errorf("%s: %s, want a TypeError starting %q", name, js(got[name]), want)
		}
	}
	if want := Join([]string{"a", "b"}, "+"); !reflect.DeepEqual(got["good"], map[string]any{"value": want}) {
		t.Errorf("after the malformed calls, join = %s, native %q", js(got["good"]), want)
	}
	if grew := got["grewMiB"].(float64); grew > 1 {
		t.Errorf("malformed arguments grew Go's memory by %v MiB", grew)
	}
}

// TestChromium runs the suite in headless Chromium, in every mode: worker
// and pool modes on a cross-origin isolated page, where their sync calls
// go through shared memory by default, and on a page that is not, where
// they go by message.
func TestChromium(t *testing.T) {
	m := module(t)
	cases := allCases()
	for _, r := range runs {
		t.Run(r.String(), func(t *testing.T) {
			serve := harness.Serve
			if r.sharedMemory {
				serve = harness.ServeIsolated
			}
			url := serve(t, m.Routes(t, map[string]string{
				"/{$}":        "js/index.html",
				"/runner/":    "js",
				"/cases.json": writeSpec(t, r, true, cases),
			}))
			browser := harness.NewBrowser(t)
			var out string
			browser.EvalPage(t, url+"/", "globalThis.conformance", 3*time.Minute, &out)
			check(t, r, cases, []byte(out))
			for _, line := range browser.Console() {
				if strings.Contains(line, "exception") {
					t.Errorf("page reported %s", line)
				}
			}
		})
	}
}

func check(t *testing.T, r run, cases []testCase, raw []byte) {
	t.Helper()
	out := checkResults(t, r.mode, cases, raw)
	if r.mode == "inline" {
		checkScenarios(t, out.Scenarios)
	} else {
		checkModeScenarios(t, r, out.Scenarios)
	}
}

// checkResults compares each case's outcome with native Go's, or with
// the error a bad input must raise, and returns the runner's output.
func checkResults(t *testing.T, mode string, cases []testCase, raw []byte) runOutput {
	t.Helper()
	// Under Node, Go's runtime prints fatal errors (out of memory) to
	// standard output too: the results follow node.mjs's marker.
	if _, after, found := bytes.Cut(raw, []byte(resultsMarker)); found {
		raw = after
	}
	var out runOutput
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("runner output: %v\n%s", err, raw)
	}
	if len(out.Results) != len(cases) {
		t.Fatalf("%d results for %d cases", len(out.Results), len(cases))
	}
	for i, c := range cases {
		got := out.Results[i]
		if c.bad {
			checkBad(t, mode, i, c, got)
			continue
		}
		want := normalize(t, c.nativeOutcome())
		if e, ok := got["error"].(map[string]any); ok {
			if e["class"] == "GoPanicError" {
				if stack, _ := e["goStack"].(string); !strings.Contains(stack, goName(c.fn)) {
					t.Errorf("case %d %s: panic stack misses %s:\n%s", i, c.fn, goName(c.fn), stack)
				}
			}
			got["error"] = map[string]any{"class": e["class"], "message": e["message"]}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("case %d %s%v:\n  js:     %s\n  native: %s", i, c.fn, c.args, js(got), js(want))
		}
	}
	return out
}

func checkBad(t *testing.T, mode string, i int, c testCase, got map[string]any) {
	t.Helper()
	e, ok := got["error"].(map[string]any)
	if !ok {
		t.Errorf("case %d %s(%s): accepted bad input, returned %s", i, c.fn, js(c.jsArgs()), js(got))
		return
	}
	contains := c.wantContains
	if mode != "inline" && c.remoteContains != "" {
		contains = c.remoteContains
	}
	if e["class"] != c.wantClass || !strings.Contains(e["message"].(string), contains) {
		t.Errorf("case %d %s(%s): got %s: %s\n  want %s containing %q", i, c.fn, js(c.jsArgs()), e["class"], e["message"], c.wantClass, contains)
	}
}

func checkScenarios(t *testing.T, got map[string]map[string]any) {
	t.Helper()
	n := func(v int32) any { return normalize(t, jsvalue.Number(float64(v))) }
	errOf := func(s map[string]any) map[string]any { e, _ := s["error"].(map[string]any); return e }

	nested := got["nestedEncode"]
	inner := Centroid(Shape{Points: []Point{{10, 20}}})
	outer := Centroid(Shape{Points: []Point{{1, 2}, {3, 4}}})
	if want := normalize(t, mustTag(t, inner)); !reflect.DeepEqual(nested["inner"], want) {
		t.Errorf("nestedEncode: inner call = %s, native %s", js(nested["inner"]), js(want))
	}
	if want := normalize(t, mustTag(t, outer)); !reflect.DeepEqual(nested["outer"], want) {
		t.Errorf("nestedEncode: outer call = %s, native %s", js(nested["outer"]), js(want))
	}

	records := got["badRecords"]
	for i, e := range records["errors"].([]any) {
		e, _ := e.(map[string]any)
		if e == nil || e["class"] != "TypeError" || !strings.Contains(e["message"].(string), `conformance.translate: parameter "s.tags`) {
			t.Errorf("badRecords[%d]: %s, want a TypeError naming s.tags", i, js(e))
		}
	}
	if !reflect.DeepEqual(records["after"], n(Add(1, 2))) {
		t.Errorf("badRecords: add(1, 2) afterwards = %s", js(records["after"]))
	}

	clamped := got["clampedBytes"]
	pixels := []byte{1, 2, 255}
	if want := normalize(t, mustTag(t, ReverseBytes(pixels))); !reflect.DeepEqual(clamped["reversed"], want) {
		t.Errorf("clampedBytes: reverseBytes = %s, native %s", js(clamped["reversed"]), js(want))
	}
	if want := normalize(t, mustTag(t, AsyncLen(t.Context(), pixels))); !reflect.DeepEqual(clamped["length"], want) {
		t.Errorf("clampedBytes: asyncLen = %s, native %s", js(clamped["length"]), js(want))
	}

	throws := got["callbackThrows"]
	if throws["same"] != true {
		t.Errorf("callbackThrows: rejected with %s, not the callback's own exception", js(throws["error"]))
	}
	if !reflect.DeepEqual(throws["after"], normalize(t, mustTag(t, int64(4)))) {
		t.Errorf("callbackThrows: slowDouble(2n) afterwards = %s", js(throws["after"]))
	}

	blocking := got["blocking"]
	if e := errOf(blocking); e["class"] != "GoBlockingError" ||
		!strings.Contains(e["message"].(string), "conformance.sleepy:") || !strings.Contains(e["message"].(string), "context.Context") {
		t.Errorf("blocking: error %s, want a GoBlockingError naming conformance.sleepy and context.Context", js(e))
	}
	if !reflect.DeepEqual(blocking["sum"], n(Add(2, 3))) {
		t.Errorf("blocking: add(2, 3) after the restart = %s", js(blocking["sum"]))
	}
	// The restarted instance has fresh Go state: its counter starts again.
	if !reflect.DeepEqual(blocking["after"], n(1)) || !reflect.DeepEqual(blocking["afterSleep"], n(2)) {
		t.Errorf("blocking: count after restart = %s then %s, want 1 then 2", js(blocking["after"]), js(blocking["afterSleep"]))
	}

	keeps := got["keepsState"]
	first, second := keeps["first"].(map[string]any), keeps["second"].(map[string]any)
	if f, s := decodeNumber(t, first), decodeNumber(t, second); s != f+1 {
		t.Errorf("keepsState: count went %v → %v across a panic, an error and a TypeError; want +1", f, s)
	}
	if want := []any{"GoPanicError", "GoError", "TypeError"}; !reflect.DeepEqual(keeps["errors"], want) {
		t.Errorf("keepsState: errors %v, want %v", keeps["errors"], want)
	}

	// Natively, a cancelled context makes WaitForCancel return at once and count it.
	before := Cancelled()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WaitForCancel(ctx); err != context.Canceled {
		t.Fatalf("native WaitForCancel = %v", err)
	}
	nativeDelta := float64(Cancelled() - before)

	running := got["abortRunning"]
	if e := errOf(running); e["name"] != "AbortError" {
		t.Errorf("abortRunning: rejected with %s, want an AbortError", js(e))
	}
	if d := decodeNumber(t, running["after"].(map[string]any)) - decodeNumber(t, running["before"].(map[string]any)); d != nativeDelta {
		t.Errorf("abortRunning: Go saw %v cancellations, native %v", d, nativeDelta)
	}
	early := got["abortBeforeStart"]
	if e := errOf(early); e["name"] != "AbortError" {
		t.Errorf("abortBeforeStart: rejected with %s, want an AbortError", js(e))
	}
	if !reflect.DeepEqual(early["before"], early["after"]) {
		t.Errorf("abortBeforeStart: Go ran the call (cancelled %s → %s)", js(early["before"]), js(early["after"]))
	}

	checkExit(t, "exit", "exit", 3, got["exit"])
	checkExit(t, "asyncExit", "asyncExit", 4, got["asyncExit"])

	if grew := decodeNumber(t, got["noLeak"]["grewMiB"].(map[string]any)); grew > 64 {
		t.Errorf("noLeak: 256 round trips of 1 MiB grew Go's memory by %v MiB", grew)
	} else {
		t.Logf("noLeak: 256 round trips of 1 MiB grew Go's memory by %v MiB", grew)
	}

	checkReentry(t, got)
	checkTraps(t, got)

	streamed := got["checksumInline"]
	if want := normalize(t, mustTag(t, nativeChecksum(t))); !reflect.DeepEqual(streamed["sum"], want) {
		t.Errorf("checksumInline: %s, native %s", js(streamed["sum"]), js(want))
	}
	blobMiB := float64(blobParts) + float64(blobTail)/(1<<20)
	if grew := decodeNumber(t, streamed["grewMiB"].(map[string]any)); grew > blobMiB/8 {
		t.Errorf("checksumInline: streaming a %.0f MiB Blob grew Go's memory by %v MiB", blobMiB, grew)
	} else {
		t.Logf("checksumInline: streaming a %.0f MiB Blob grew Go's memory by %v MiB", blobMiB, grew)
	}
}

// checkReentry checks the calls back into Go from a callback: each of
// steps and slowDouble, whose callback calls add, sleepy, exit or trap.
func checkReentry(t *testing.T, got map[string]map[string]any) {
	t.Helper()
	n := func(v int32) any { return normalize(t, jsvalue.Number(float64(v))) }
	for _, outer := range []string{"steps", "slowDouble"} {
		native := map[string]any{"steps": normalize(t, mustTag(t, Steps(t.Context(), 3, func(int32, int32) {}))),
			"slowDouble": normalize(t, mustTag(t, int64(10)))}[outer]
		works := got["reentryWorks"][outer].(map[string]any)
		if works["inner"] != nil || !reflect.DeepEqual(works["outer"], map[string]any{"value": native}) {
			t.Errorf("reentryWorks/%s: add inside the callback threw %s; the call settled with %s, native %s",
				outer, js(works["inner"]), js(works["outer"]), js(native))
		}
		for name, want := range map[string]struct{ class, inner, field, value string }{
			"reentryBlocks": {"GoBlockingError", "sleepy", "blocked", "conformance.sleepy"},
			"reentryExits":  {"GoExitError", "exit", "code", "3"},
			"reentryTraps":  {"GoTrapError", "trap", "trapped", "conformance.trap"},
		} {
			s := got[name][outer].(map[string]any)
			inner, _ := s["inner"].(map[string]any)
			settled, _ := s["outer"].(map[string]any)
			outerErr, _ := settled["error"].(map[string]any)
			if inner["class"] != want.class || !strings.HasPrefix(inner["message"].(string), qualified(want.inner)+":") {
				t.Errorf("%s/%s: the call in the callback threw %s, want a %s naming %s", name, outer, js(inner), want.class, qualified(want.inner))
			}
			if outerErr["class"] != want.class || !strings.HasPrefix(outerErr["message"].(string), qualified(outer)+":") ||
				fmt.Sprint(outerErr[want.field]) != want.value || strings.Contains(outerErr["message"].(string), "code none") {
				t.Errorf("%s/%s: the call below settled with %s, want a %s naming %s with %s %s",
					name, outer, js(settled), want.class, qualified(outer), want.field, want.value)
			}
			if !reflect.DeepEqual(s["sum"], n(Add(2, 3))) || !reflect.DeepEqual(s["count"], n(1)) {
				t.Errorf("%s/%s: afterwards add(2, 3) = %s and count() = %s, want 5 and 1 (a fresh instance)", name, outer, js(s["sum"]), js(s["count"]))
			}
			if escaped := s["escaped"].([]any); len(escaped) > 0 {
				t.Errorf("%s/%s: escaped the bridge: %s", name, outer, js(escaped))
			}
		}
	}
}

// checkTraps checks traps, exits beside pending calls and strings too
// long for JavaScript.
func checkTraps(t *testing.T, got map[string]map[string]any) {
	t.Helper()
	n := func(v int32) any { return normalize(t, jsvalue.Number(float64(v))) }
	errOf := func(v any) map[string]any { e, _ := v.(map[string]any); return e }
	fresh := func(name string, s map[string]any) {
		if !reflect.DeepEqual(s["sum"], n(Add(2, 3))) || (s["count"] != nil && !reflect.DeepEqual(s["count"], n(1))) {
			t.Errorf("%s: afterwards add(2, 3) = %s and count() = %s, want 5 and 1 (a fresh instance)", name, js(s["sum"]), js(s["count"]))
		}
		if escaped, _ := s["escaped"].([]any); len(escaped) > 0 {
			t.Errorf("%s: escaped the bridge: %s", name, js(escaped))
		}
	}
	trap := got["trap"]
	if e := errOf(trap["error"]); e["class"] != "GoTrapError" || !strings.HasPrefix(e["message"].(string), qualified("trap")+":") ||
		!strings.Contains(e["message"].(string), "memory access out of bounds") {
		t.Errorf("trap: %s, want a GoTrapError naming conformance.trap and the trap", js(e))
	}
	fresh("trap", trap)

	async := got["asyncTrap"]
	if e := errOf(async["error"]); e["class"] != "GoTrapError" || !strings.HasPrefix(e["message"].(string), qualified("asyncTrap")+":") {
		t.Errorf("asyncTrap: %s, want a GoTrapError naming conformance.asyncTrap", js(e))
	}
	if e := errOf(errOf(async["pending"])["error"]); e["class"] != "GoTrapError" || !strings.HasPrefix(e["message"].(string), qualified("waitForCancel")+":") {
		t.Errorf("asyncTrap: the pending call settled with %s, want a GoTrapError naming conformance.waitForCancel", js(async["pending"]))
	}
	fresh("asyncTrap", async)

	exit := got["exitPending"]
	if e := errOf(exit["error"]); e["class"] != "GoExitError" || e["code"] != float64(3) {
		t.Errorf("exitPending: %s, want a GoExitError with code 3", js(e))
	}
	if e := errOf(errOf(exit["pending"])["error"]); e["class"] != "GoExitError" || e["code"] != float64(3) ||
		!strings.HasPrefix(e["message"].(string), qualified("waitForCancel")+": the Go program exited with code 3") {
		t.Errorf("exitPending: the pending call settled with %s, want a GoExitError with code 3 naming conformance.waitForCancel", js(exit["pending"]))
	}
	fresh("exitPending", exit)

	getters := got["getterRestarts"]
	if want := normalize(t, mustTag(t, ReverseBytes([]byte{1, 2, 3}))); !reflect.DeepEqual(getters["reversed"], want) {
		t.Errorf("getterRestarts: reverseBytes of a Uint8Array whose getters lie and block = %s, native %s", js(getters["reversed"]), js(want))
	}
	if want := normalize(t, mustTag(t, Centroid(Shape{Points: []Point{{1, 2}, {3, 5}}}))); !reflect.DeepEqual(getters["centroid"], want) {
		t.Errorf("getterRestarts: centroid of a shape whose getter exits Go = %s, native %s", js(getters["centroid"]), js(want))
	}

	deep := got["deepTree"]
	if e := errOf(deep["error"]); e["class"] != "RangeError" || !strings.HasPrefix(e["message"].(string), qualified("depth")+`: parameter "t`) ||
		!strings.Contains(e["message"].(string), "Maximum call stack size exceeded") {
		t.Errorf("deepTree: a million levels gave %s, want a RangeError naming conformance.depth and parameter t", js(e))
	}
	if !reflect.DeepEqual(deep["depth"], n(1000)) {
		t.Errorf("deepTree: 1,000 levels came back %s deep", js(deep["depth"]))
	}
	fresh("deepTree", deep)

	long := got["longString"]
	if e := errOf(long["error"]); e["class"] != "RangeError" || !strings.HasPrefix(e["message"].(string), qualified("long")+":") ||
		!strings.Contains(e["message"].(string), "too long for a JavaScript string") {
		t.Errorf("longString: %s, want a RangeError naming conformance.long saying the string is too long", js(e))
	}
	fresh("longString", long)
}

// checkExit: an exit (code) fails the call with a GoExitError naming fn,
// and the next calls run on a fresh instance.
func checkExit(t *testing.T, name, fn string, code int32, s map[string]any) {
	t.Helper()
	n := func(v int32) any { return normalize(t, jsvalue.Number(float64(v))) }
	e, _ := s["error"].(map[string]any)
	if e["class"] != "GoExitError" || e["code"] != float64(code) || !strings.Contains(e["message"].(string), qualified(fn)+":") {
		t.Errorf("%s: error %s, want a GoExitError with code %d naming %s", name, js(e), code, qualified(fn))
	}
	if !reflect.DeepEqual(s["sum"], n(Add(2, 3))) || !reflect.DeepEqual(s["count"], n(1)) {
		t.Errorf("%s: after the exit add(2, 3) = %s and count() = %s, want %s and 1 (fresh state)", name, js(s["sum"]), js(s["count"]), js(n(Add(2, 3))))
	}
}

func mustTag(t *testing.T, v any) any {
	tagged, err := jsvalue.Tag(reflect.ValueOf(v))
	if err != nil {
		t.Fatal(err)
	}
	return tagged
}

func decodeNumber(t *testing.T, tagged map[string]any) float64 {
	bits, err := strconv.ParseUint(tagged["$num"].(string), 16, 64)
	if err != nil {
		t.Fatalf("bad tagged number %v: %v", tagged, err)
	}
	return math.Float64frombits(bits)
}

// normalize round-trips v through JSON so it compares with parsed output.
func normalize(t *testing.T, v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func js(v any) string {
	data, _ := json.Marshal(v)
	if len(data) > 600 {
		return string(data[:600]) + "…"
	}
	return string(data)
}

func reflectValue(v any) reflect.Value { return reflect.ValueOf(v) }
