// Package loading tests how @gowasm/bridge's load() fetches, compiles and
// starts modules in headless Chromium, served by the real nginx.conf:
// download progress with and without compression, a wrong MIME type, load
// failures that name their URL, a Go program that exits while starting,
// a wasm_exec.js from another Go release, one compile per URL shared by
// every load and preload(), and a pool whose workers start while its
// module downloads. In Node: a pool whose shared-memory channel loads
// after its workers have started, or not at all.
package loading

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

type event struct {
	Loaded float64  `json:"loaded"`
	Total  *float64 `json:"total"`
}

type progressFacts struct {
	Events  []event `json:"events"`
	Hex     string  `json:"hex"`
	Encoded float64 `json:"encoded"`
	Decoded float64 `json:"decoded"`
}

type failureFacts struct {
	Class   string `json:"class"`
	Name    string `json:"name"`
	Message string `json:"message"`
	Code    any    `json:"code"`
}

var buildCompute = harness.BuildOnce("loading-compute", "./app/compute")

func TestLoad(t *testing.T) {
	compute := buildCompute(t)
	exits := harness.Build(t, "loading-exits", "./e2e/loading/testdata/exits")
	wasm, err := os.ReadFile(compute.Wasm)
	if err != nil {
		t.Fatal(err)
	}

	root := t.TempDir()
	put := func(name string, data []byte) {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	put("compute.wasm", wasm)
	// The siblings gzip_static and brotli_static serve, as gowasm build writes them.
	gz, br := harness.Compress(wasm)
	put("compute.wasm.gz", gz)
	put("compute.wasm.br", br)
	put("raw/compute.wasm", wasm)
	put("raw/compute.bin", wasm)
	put("exits.wasm", read(exits.Wasm))
	put("gen/compute.js", read(compute.Binding))
	put("gen/exits.js", read(exits.Binding))
	put("index.html", read("js/index.html"))
	put("loading.js", read("js/loading.js"))
	glue := read(harness.WasmExec(t))
	put("wasm_exec.js", glue)
	if !bytes.Contains(glue, []byte("gojs: {")) {
		t.Fatal("wasm_exec.js has no gojs import object; update the old-glue rewrite")
	}
	put("old_wasm_exec.js", bytes.Replace(glue, []byte("gojs: {"), []byte("go: {"), 1))
	bridge := filepath.Join(harness.Root(), "web/bridge")
	files, _ := filepath.Glob(filepath.Join(bridge, "*.js"))
	for _, f := range files {
		put("bridge/"+filepath.Base(f), read(f))
	}

	server := harness.StartNginx(t, root)
	browser := harness.NewBrowser(t)
	var raw string
	browser.EvalPage(t, server.URL+"/?size="+strconv.Itoa(len(wasm)), "globalThis.loading", 3*time.Minute, &raw)
	var facts struct {
		Compressed, CompressedNoSize, Identity progressFacts
		WrongType                              struct {
			Result string   `json:"result"`
			Warned []string `json:"warned"`
		}
		NotFound, NotWasm, ExitInline, ExitWorker, GlueInline, GlueWorker, BadWorker *failureFacts
		AbortedBefore, AbortedDuring, BadMode                                        *failureFacts
		Shared, Preloaded, AbortOne                                                  compileFacts
		Started                                                                      struct {
			compileFacts
			Ready []string
			Heard *event
		}
		StartedAbort struct {
			Aborted, Taken *failureFacts
			Hexes          []string
		}
		ParallelStart struct {
			WorkersBeforeCompiled int
			Hexes                 []string
		}
	}
	if err := json.Unmarshal([]byte(raw), &facts); err != nil {
		t.Fatalf("page output: %v\n%s", err, raw)
	}
	abc := sha256.Sum256([]byte("abc"))
	size := float64(len(wasm))

	// Compressed on the wire: progress counts decoded bytes up to the size
	// the caller passed; without it the total is unknown.
	checkProgress(t, "compressed", facts.Compressed, hex.EncodeToString(abc[:]), size, true)
	checkProgress(t, "compressedNoSize", facts.CompressedNoSize, hex.EncodeToString(abc[:]), size, false)
	if facts.Compressed.Encoded >= facts.Compressed.Decoded {
		t.Errorf("compressed: %v bytes on the wire for %v decoded: nginx did not compress", facts.Compressed.Encoded, facts.Compressed.Decoded)
	} else {
		t.Logf("compressed: %.0f bytes on the wire, %.0f decoded, %d progress events", facts.Compressed.Encoded, facts.Compressed.Decoded, len(facts.Compressed.Events))
	}
	// Uncompressed: Content-Length is the total.
	checkProgress(t, "identity", facts.Identity, hex.EncodeToString(abc[:]), size, true)

	empty := sha256.Sum256(nil)
	if facts.WrongType.Result != hex.EncodeToString(empty[:]) {
		t.Errorf("wrongType: the module served as application/octet-stream computed %q", facts.WrongType.Result)
	}
	if len(facts.WrongType.Warned) != 1 || !strings.Contains(facts.WrongType.Warned[0], "application/octet-stream, not application/wasm") ||
		!strings.Contains(facts.WrongType.Warned[0], "/raw/compute.bin") {
		t.Errorf("wrongType: warnings %q, want one naming the URL and the MIME types", facts.WrongType.Warned)
	}

	fails := []struct {
		name  string
		got   *failureFacts
		class string
		want  []string
	}{
		{"notFound", facts.NotFound, "Error", []string{"load: cannot fetch " + server.URL + "/missing.wasm: HTTP 404"}},
		{"notWasm", facts.NotWasm, "Error", []string{"load: " + server.URL + "/index.html is not a valid WebAssembly module"}},
		{"exitInline", facts.ExitInline, "GoExitError", []string{"exited with code 7 during initialization"}},
		{"exitWorker", facts.ExitWorker, "GoExitError", []string{"exited with code 7 during initialization"}},
		{"glueInline", facts.GlueInline, "Error", []string{"wasm_exec.js does not match the Go release that built the module", "gojs.runtime.", "$(go env GOROOT)/lib/wasm/"}},
		{"glueWorker", facts.GlueWorker, "Error", []string{"wasm_exec.js does not match the Go release that built the module", "gojs."}},
		{"badWorker", facts.BadWorker, "Error", []string{"the worker failed to start", "/missing-worker.js"}},
		{"abortedBefore", facts.AbortedBefore, "DOMException", []string{"abort"}},
		{"abortedDuring", facts.AbortedDuring, "DOMException", []string{"abort"}},
		{"badMode", facts.BadMode, "TypeError", []string{"options.mode must be one of inline, worker, pool"}},
	}
	for _, f := range fails {
		if f.got == nil {
			t.Errorf("%s: load() succeeded", f.name)
			continue
		}
		ok := f.got.Class == f.class
		for _, w := range f.want {
			ok = ok && strings.Contains(f.got.Message, w)
		}
		if !ok {
			t.Errorf("%s: %s: %s\n  want a %s containing %q", f.name, f.got.Class, f.got.Message, f.class, f.want)
		}
	}
	if facts.ExitInline != nil && facts.ExitInline.Code != float64(7) {
		t.Errorf("exitInline: code %v, want 7", facts.ExitInline.Code)
	}

	// Compiled once per URL: the loads of one URL share one download and
	// one compile, and each works.
	abcHex := hex.EncodeToString(abc[:])
	for _, c := range []struct {
		name  string
		got   compileFacts
		loads int // load()s that succeeded
		pools int // of which pools of 2
	}{
		{"shared", facts.Shared, 2, 1},
		{"preloaded", facts.Preloaded, 1, 0},
		{"abortOne", facts.AbortOne, 1, 0},
	} {
		want := map[string]int{"gowasm:fetch-start": 1, "gowasm:compiled": 1, "gowasm:ready": c.loads}
		if c.pools > 0 {
			want["gowasm:worker-ready"] = 2 * c.pools
		}
		if c.got.Fetches != 1 || !maps.Equal(c.got.Marks, want) {
			t.Errorf("%s: %d fetches and marks %v; want 1 fetch and %v", c.name, c.got.Fetches, c.got.Marks, want)
		}
		if len(c.got.Hexes) != c.loads || slices.ContainsFunc(c.got.Hexes, func(h string) bool { return h != abcHex }) {
			t.Errorf("%s: sha256Hex(abc) gave %q", c.name, c.got.Hexes)
		}
	}
	// preload(binding, options): each load() took over the instance its
	// preload started, in its mode; a third load started a fresh one.
	st := facts.Started
	wantReady := []string{"inline preloaded", "pool preloaded", "inline"}
	if st.Fetches != 1 || st.Marks["gowasm:fetch-start"] != 1 || st.Marks["gowasm:compiled"] != 1 || !slices.Equal(slices.Sorted(slices.Values(st.Ready)), slices.Sorted(slices.Values(wantReady))) {
		t.Errorf("started: %d fetches, marks %v, ready %q; want 1 fetch, 1 compile, ready %q", st.Fetches, st.Marks, st.Ready, wantReady)
	}
	if len(st.Hexes) != 3 || slices.ContainsFunc(st.Hexes, func(h string) bool { return h != abcHex }) {
		t.Errorf("started: sha256Hex(abc) gave %q", st.Hexes)
	}
	if st.Heard == nil || st.Heard.Loaded != size || st.Heard.Total == nil || *st.Heard.Total != size {
		t.Errorf("started: the load that took over heard %+v last, want the download's last progress, %v of %v bytes", st.Heard, size, size)
	}
	sa := facts.StartedAbort
	for name, f := range map[string]*failureFacts{"already aborted": sa.Aborted, "aborted once taken": sa.Taken} {
		if f == nil || f.Name != "AbortError" {
			t.Errorf("startedAbort: a load %s gave %+v, want an AbortError", name, f)
		}
	}
	if len(sa.Hexes) != 1 || sa.Hexes[0] != abcHex {
		t.Errorf("startedAbort: the next load computed %q", sa.Hexes)
	}
	if a := facts.AbortOne.Aborted; a == nil || a.Name != "AbortError" {
		t.Errorf("abortOne: the aborted load gave %+v, want an AbortError", a)
	}
	// Workers start while the module downloads: both had fetched their
	// script while its last byte was held back.
	if p := facts.ParallelStart; p.WorkersBeforeCompiled != 2 || len(p.Hexes) != 1 || p.Hexes[0] != abcHex {
		t.Errorf("parallelStart: %d of 2 workers fetched their script before the module compiled; sha256Hex(abc) gave %q", p.WorkersBeforeCompiled, p.Hexes)
	}
}

// compileFacts is what the page saw of loads of one URL: its network
// fetches, the gowasm marks that name it, and what each load computed.
type compileFacts struct {
	Fetches int
	Marks   map[string]int
	Hexes   []string
	Aborted *failureFacts
}

// channelFacts are what js/channel-load.mjs prints.
type channelFacts struct {
	Held                bool
	HellosBeforeRelease int
	Warnings            []string
	Hexes               []string
	PostedForCalls      int
	Want                string
}

// runChannelLoad runs js/channel-load.mjs (how: late or missing) with a
// pool of 2 running app/compute, and checks its two sha256Hex calls
// against node:crypto's.
func runChannelLoad(t *testing.T, how string) channelFacts {
	t.Helper()
	compute := buildCompute(t)
	out := harness.Node(t, "js/channel-load.mjs", how, harness.WasmExec(t),
		filepath.Join(harness.Root(), "web/bridge/index.js"), compute.Binding, compute.Wasm)
	var facts channelFacts
	if err := json.Unmarshal(out, &facts); err != nil {
		t.Fatalf("node output: %v\n%s", err, out)
	}
	if len(facts.Hexes) != 2 || facts.Hexes[0] != facts.Want || facts.Hexes[1] != facts.Want {
		t.Errorf("sha256Hex in the pool = %q, node:crypto says %s", facts.Hexes, facts.Want)
	}
	return facts
}

// TestPoolWhileChannelLoads: in Node, which shares memory with its
// workers as a cross-origin isolated page does, a pool whose main thread
// gets the lazily imported channel.js only after both workers have said
// hello (a module hook holds the import until then) starts, and its calls
// go through the channel. Before the fix it never started: its workers'
// hellos came before anyone listened.
func TestPoolWhileChannelLoads(t *testing.T) {
	facts := runChannelLoad(t, "late")
	if !facts.Held || facts.HellosBeforeRelease != 2 {
		t.Errorf("the hook held channel.js: %v, released after %d hellos; want held until both workers' hellos, or this tested nothing", facts.Held, facts.HellosBeforeRelease)
	}
	if facts.PostedForCalls != 0 || len(facts.Warnings) != 0 {
		t.Errorf("2 sync calls posted %d messages to workers, warnings %q; through the channel they post none", facts.PostedForCalls, facts.Warnings)
	}
}

// TestPoolWithoutChannel: where channel.js does not load (a chunk a new
// deployment removed from under an open page), a pool starts anyway, its
// calls go by message, and it warns once, naming the file.
func TestPoolWithoutChannel(t *testing.T) {
	facts := runChannelLoad(t, "missing")
	if facts.PostedForCalls != 2 {
		t.Errorf("2 sync calls posted %d messages to workers, want one each: by message", facts.PostedForCalls)
	}
	if len(facts.Warnings) != 1 || !strings.Contains(facts.Warnings[0], "channel.js did not load") || !strings.Contains(facts.Warnings[0], "404") {
		t.Errorf("warnings %q, want one that says channel.js did not load, and why", facts.Warnings)
	}
}

// checkProgress: events are monotonic, the last has every byte, totals
// are the module's size when known (or absent when not), and the module
// works.
func checkProgress(t *testing.T, name string, p progressFacts, wantHex string, size float64, totalKnown bool) {
	t.Helper()
	if p.Hex != wantHex {
		t.Errorf("%s: sha256Hex(abc) = %q after loading", name, p.Hex)
	}
	if len(p.Events) < 2 {
		t.Fatalf("%s: %d progress events", name, len(p.Events))
	}
	last := -1.0
	for i, e := range p.Events {
		if e.Loaded < last {
			t.Errorf("%s: event %d went back from %v to %v bytes", name, i, last, e.Loaded)
		}
		last = e.Loaded
		if totalKnown != (e.Total != nil) || (e.Total != nil && *e.Total != size) {
			t.Errorf("%s: event %d total %v, want %v (known: %v)", name, i, e.Total, size, totalKnown)
			break
		}
	}
	if last != size {
		t.Errorf("%s: progress ended at %v bytes of %v", name, last, size)
	}
}
