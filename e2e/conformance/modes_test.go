package conformance

import (
	"bytes"
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/jsvalue"
)

// The Blob of the checksum scenarios, as js/modes.js builds it.
const (
	blobParts = 256
	blobTail  = 12345
)

func patternBytes() []byte {
	part := make([]byte, 1<<20)
	for i := range part {
		part[i] = byte(i*31 + 7)
	}
	all := bytes.Repeat(part, blobParts)
	return append(all, part[:blobTail]...)
}

// nativeChecksum runs Checksum natively over the same bytes, through a
// bytes.Reader: the oracle of the streaming scenarios.
func nativeChecksum(t *testing.T) string {
	sum, err := Checksum(context.Background(), bytes.NewReader(patternBytes()), func(done, total int64) {})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// checkModeScenarios checks the facts of js/modes.js for worker or pool mode.
func checkModeScenarios(t *testing.T, r run, got map[string]map[string]any) {
	mode := r.mode
	t.Helper()
	n := func(v int32) any { return normalize(t, jsvalue.Number(float64(v))) }
	errOf := func(v any) map[string]any { e, _ := v.(map[string]any); return e }
	num := func(v any) float64 {
		if b, ok := v.(map[string]any)["$big"].(string); ok { // an int64
			f, err := strconv.ParseFloat(b, 64)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		return decodeNumber(t, v.(map[string]any))
	}
	for _, name := range scenarioNames[mode] {
		if got[name] == nil {
			t.Errorf("%s: no facts", name)
		}
	}

	many := got["many"]
	results, _ := many["results"].([]any)
	if len(results) != 1000 {
		t.Fatalf("many: %d results for 1000 calls", len(results))
	}
	for i, r := range results {
		want := normalize(t, mustTag(t, Reverse("call "+strconv.Itoa(i))))
		if i%2 == 0 {
			want = n(Add(int32(i), 1000))
		}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("many: call %d = %s, native %s", i, js(r), js(want))
			break
		}
	}
	if want := normalize(t, mustTag(t, ReverseBytes([]byte{1, 2, 3}))); !reflect.DeepEqual(many["reversed"], want) {
		t.Errorf("many: reverseBytes = %s, native %s", js(many["reversed"]), js(want))
	}
	if want := normalize(t, mustTag(t, []byte{1, 2, 3})); !reflect.DeepEqual(many["dataKept"], want) {
		t.Errorf("many: the caller's Uint8Array became %s after the call", js(many["dataKept"]))
	}

	queued := got["abortQueued"]
	if e := errOf(errOf(queued["queued"])["error"]); e["name"] != "AbortError" {
		t.Errorf("abortQueued: the aborted call settled with %s, want an AbortError", js(queued["queued"]))
	}
	var before, after float64
	for _, v := range queued["before"].([]any) {
		before += num(v)
	}
	for _, v := range queued["after"].([]any) {
		after += num(v)
	}
	if workers := float64(len(queued["before"].([]any))); after-before != workers {
		t.Errorf("abortQueued: counters moved by %v over %v workers: the aborted call ran in Go", after-before, workers)
	}

	crash := got["crashMidCall"]
	if crash["slow"] != "ok" {
		t.Errorf("crashMidCall: the call beside the crash failed: %s", js(crash["slow"]))
	}
	if e := errOf(crash["dying"]); e["class"] != "GoExitError" || e["code"] != float64(5) {
		t.Errorf("crashMidCall: the crashing call got %s, want a GoExitError with code 5", js(e))
	}
	for i, r := range crash["more"].([]any) {
		if !reflect.DeepEqual(r, n(Add(int32(i), int32(i)))) {
			t.Errorf("crashMidCall: add(%d, %d) after the crash = %s", i, i, js(r))
		}
	}

	progress := got["progress"]
	throttled := progress["throttled"].([]any)
	last := 0.0
	for _, p := range throttled {
		done := num(p.([]any)[0])
		if done <= last {
			t.Errorf("progress: throttled events out of order: %v after %v", done, last)
		}
		last = done
	}
	if last != 20000 || len(throttled) >= 20000 || len(throttled) == 0 {
		t.Errorf("progress: %d throttled events ending at %v; want fewer than 20000, ending at 20000", len(throttled), last)
	} else {
		t.Logf("progress: 20000 Go progress calls reached JavaScript as %d throttled events", len(throttled))
	}
	all := progress["all"].([]any)
	for i, p := range all {
		if num(p) != float64(i+1) {
			t.Errorf("progress: with throttle 0, event %d is %v", i, num(p))
			break
		}
	}
	if len(all) != 2000 {
		t.Errorf("progress: with throttle 0, %d events for 2000 calls", len(all))
	}

	checksum := got["checksum"]
	if want := normalize(t, mustTag(t, nativeChecksum(t))); !reflect.DeepEqual(checksum["sum"], want) {
		t.Errorf("checksum: %s, native %s", js(checksum["sum"]), js(want))
	}
	size := float64(len(patternBytes()))
	seen := checksum["progress"].([]any)
	if len(seen) == 0 || num(seen[len(seen)-1].([]any)[0]) != size || num(seen[0].([]any)[1]) != size {
		t.Errorf("checksum: progress %d events, want the last to report %v of %v bytes", len(seen), size, size)
	}
	if e := errOf(checksum["notABlob"]); e["class"] != "TypeError" || !strings.Contains(e["message"].(string), `conformance.checksum: parameter "src" must be a Blob`) {
		t.Errorf("checksum: a Uint8Array for a Reader gave %s", js(e))
	}

	transport := got["transport"]
	var sums []any
	for i := range int32(50) {
		sums = append(sums, n(Add(i, 1)))
	}
	if !reflect.DeepEqual(transport["sums"], sums) || transport["intact"] != true {
		t.Errorf("transport: sums %s, 100,000 reversed bytes intact %v; want native Go's", js(transport["sums"]), transport["intact"])
	}
	// As js/modes.js's JOIN.
	joined := Join(make([]string, 1000), strings.Repeat("é", 50))
	if !reflect.DeepEqual(transport["joined"], normalize(t, mustTag(t, joined))) {
		t.Errorf("transport: join of 1,000 empty parts gave %.80s…, want native Go's %d bytes", js(transport["joined"]), len(joined))
	}
	// Through shared memory no call posts a message, but the large one;
	// through messages each call posts one.
	wantSmall, wantJoin := 50.0, 1.0
	if r.sharedMemory {
		wantSmall, wantJoin = 0, 0
	}
	if small, ok := transport["small"].(float64); !ok || small != wantSmall {
		t.Errorf("transport (%s): 50 small calls posted %s messages to workers, want %v", r, js(transport["small"]), wantSmall)
	}
	if large, ok := transport["large"].(float64); !ok || large != 1 {
		t.Errorf("transport (%s): a call with 100,000 bytes of arguments posted %s messages to workers, want 1", r, js(transport["large"]))
	}
	if join, ok := transport["join"].(float64); !ok || join != wantJoin {
		t.Errorf("transport (%s): a call with a 98 KiB result posted %s messages to workers, want %v", r, js(transport["join"]), wantJoin)
	}

	closed := got["close"]
	for _, key := range []string{"running", "later"} {
		if e := errOf(closed[key]); e == nil || !strings.Contains(e["message"].(string), "the API was closed") {
			t.Errorf("close: the %s call got %s, want an error saying the API was closed", key, js(closed[key]))
		}
	}

	if mode != "worker" {
		return
	}
	// One worker: state that survives or not shows which instance served.
	sync := got["abortRunningSync"]
	if e := errOf(errOf(sync["rejected"])["error"]); e["name"] != "AbortError" {
		t.Errorf("abortRunningSync: %s, want an AbortError", js(sync["rejected"]))
	}
	if !reflect.DeepEqual(sync["sum"], n(Add(2, 3))) || !reflect.DeepEqual(sync["count"], n(1)) {
		t.Errorf("abortRunningSync: afterwards add(2, 3) = %s and count() = %s, want %s and 1 (a fresh worker)", js(sync["sum"]), js(sync["count"]), js(n(Add(2, 3))))
	}
	async := got["abortRunningAsync"]
	if e := errOf(errOf(async["rejected"])["error"]); e["name"] != "AbortError" {
		t.Errorf("abortRunningAsync: %s, want an AbortError", js(async["rejected"]))
	}
	if num(async["after"]) != num(async["before"])+1 {
		t.Errorf("abortRunningAsync: Go saw cancelled go %s → %s, want +1", js(async["before"]), js(async["after"]))
	}
	if num(async["countAfter"]) != num(async["count"])+1 {
		t.Errorf("abortRunningAsync: count went %s → %s; the worker was replaced", js(async["count"]), js(async["countAfter"]))
	}
	checkExit(t, "workerExit", "exit", 3, got["workerExit"])
	checkExit(t, "workerAsyncExit", "asyncExit", 4, got["workerAsyncExit"])
	checkExit(t, "workerFatalPanic", "asyncFatal", 2, got["workerFatalPanic"])
	checkExit(t, "workerOutOfMemory", "hog", 2, got["workerOutOfMemory"])
	for name, fn := range map[string]string{"workerTrap": "trap", "workerAsyncTrap": "asyncTrap"} {
		s := got[name]
		if e := errOf(s["error"]); e["class"] != "GoTrapError" || !strings.HasPrefix(e["message"].(string), qualified(fn)+":") {
			t.Errorf("%s: %s, want a GoTrapError naming %s", name, js(e), qualified(fn))
		}
		if !reflect.DeepEqual(s["sum"], n(Add(2, 3))) || !reflect.DeepEqual(s["count"], n(1)) {
			t.Errorf("%s: afterwards add(2, 3) = %s and count() = %s, want 5 and 1 (a fresh worker)", name, js(s["sum"]), js(s["count"]))
		}
	}
	blocking := got["workerBlocking"]
	if e := errOf(blocking["error"]); e["class"] != "GoBlockingError" || !strings.Contains(e["message"].(string), "conformance.sleepy:") {
		t.Errorf("blocking: %s, want a GoBlockingError naming conformance.sleepy", js(e))
	}
	if !reflect.DeepEqual(blocking["sum"], n(Add(2, 3))) || !reflect.DeepEqual(blocking["count"], n(1)) {
		t.Errorf("blocking: afterwards add(2, 3) = %s and count() = %s, want %s and 1", js(blocking["sum"]), js(blocking["count"]), js(n(Add(2, 3))))
	}
}
