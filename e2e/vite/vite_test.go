// Package vite starts where a React or Vue developer starts: a new Vite
// project (create-vite's react-ts and vue-ts templates), @gowasm/bridge
// and @gowasm/vite installed from npm pack tarballs (as from the
// registry: a symlinked folder would resolve react from this repository),
// a Go package beside it. It follows the README's Vite section: vite
// build with no warning, tsc under strict, vite preview in headless
// Chromium giving native Go's results inline, in a worker and in a pool
// (by message, and through shared memory once the README's
// vite.isolated.config.ts makes the page cross-origin isolated), and vite
// dev reloading a Go edit and showing a Go error in the overlay.
package vite

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/e2e/vite/calc"
)

// Pinned versions of what the projects install.
var versions = map[string]string{
	"create-vite": "9.3.0", "vite": "8.3.8", "react": "19.3.1", "react-dom": "19.3.1",
	"@types/react": "19.3.0", "@types/react-dom": "19.3.0", "@types/node": "24.19.2",
	"@vitejs/plugin-react": "6.3.0", "@vitejs/plugin-vue": "6.0.11", "vue": "3.5.45",
	"@vue/tsconfig": "0.9.1", "vue-tsc": "3.3.14", "typescript": "5.9.3",
}

// goMod is the project's go.mod, %s the gowasm checkout it builds with.
const goMod = `module example.com/app

go 1.26

require github.com/gowasm/gowasm v0.0.0

replace github.com/gowasm/gowasm => %s

tool github.com/gowasm/gowasm/tools/cmd/gowasm
`

var (
	packOnce  sync.Once
	tarballs  map[string]string // package name → tarball
	packError error
)

// pack runs npm pack on the repository's packages, once.
func pack(t *testing.T) map[string]string {
	packOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gowasm-pack-")
		if err != nil {
			packError = err
			return
		}
		tarballs = map[string]string{}
		for name, src := range map[string]string{"@gowasm/bridge": "web/bridge", "@gowasm/vite": "web/vite"} {
			cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", dir, "./"+src)
			cmd.Dir = harness.Root()
			out, err := cmd.Output()
			if err != nil {
				packError = fmt.Errorf("npm pack %s: %w", src, err)
				return
			}
			tarballs[name] = filepath.Join(dir, strings.TrimSpace(string(out)))
		}
	})
	if packError != nil {
		t.Fatal(packError)
	}
	return tarballs
}

// project makes a Vite project from create-vite's template, with the
// files of fixture (react or vue) over it, package calc beside it in a Go
// module, and its npm packages installed.
func project(t *testing.T, template, fixture string, deps, devDeps []string) string {
	parent := t.TempDir()
	run(t, parent, "npm", "exec", "--yes", "create-vite@"+versions["create-vite"], "--", "app", "--template", template, "--no-interactive")
	dir := filepath.Join(parent, "app")
	copyTree(t, fixture, dir)
	copyTree(t, "calc", filepath.Join(dir, "calc"))
	writeFile(t, filepath.Join(dir, "go.mod"), fmt.Sprintf(goMod, harness.Root()))
	run(t, dir, "go", "mod", "tidy")

	var pkg map[string]any
	readJSON(t, filepath.Join(dir, "package.json"), &pkg)
	packs := pack(t)
	pinned := func(names []string) map[string]string {
		m := map[string]string{}
		for _, n := range names {
			if tgz, ok := packs[n]; ok {
				m[n] = "file:" + tgz
			} else {
				m[n] = versions[n]
			}
		}
		return m
	}
	pkg["dependencies"] = pinned(deps)
	pkg["devDependencies"] = pinned(devDeps)
	data, _ := json.MarshalIndent(pkg, "", "  ")
	writeFile(t, filepath.Join(dir, "package.json"), string(data))
	run(t, dir, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
	return dir
}

// viteBuild runs vite build, with flags, and fails on any warning.
func viteBuild(t *testing.T, dir string, flags ...string) {
	out := run(t, dir, "npx", append([]string{"vite", "build"}, flags...)...)
	for _, line := range strings.Split(out, "\n") {
		if regexp.MustCompile(`(?i)warn|\(!\)|externalized|deprecat|@gowasm|node:`).MatchString(line) {
			t.Errorf("vite build printed a warning: %s", line)
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "dist", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`<script src="/assets/wasm_exec-[\w-]+\.js"></script>`).Match(html) {
		t.Errorf("dist/index.html loads no hashed wasm_exec.js:\n%s", html)
	}
	assets, _ := os.ReadDir(filepath.Join(dir, "dist", "assets"))
	var workers, modules int
	for _, a := range assets {
		data, _ := os.ReadFile(filepath.Join(dir, "dist", "assets", a.Name()))
		switch {
		case strings.Contains(a.Name(), "browser-external"):
			t.Errorf("%s: Vite stubbed a Node module out of the browser bundle", a.Name())
		case strings.HasPrefix(a.Name(), "worker-"):
			workers++
			if strings.Contains(string(data), "./runtime.js") {
				t.Errorf("%s is the bridge's worker.js unbundled", a.Name())
			}
		case strings.HasSuffix(a.Name(), ".wasm"):
			modules++
		}
	}
	if workers != 1 || modules != 1 {
		t.Errorf("dist/assets holds %d worker bundles and %d wasm modules, want 1 and 1", workers, modules)
	}
	t.Logf("vite build:\n%s", out)
}

// native is what calc answers natively, as the page prints it.
func native(version string) string {
	data, _ := json.Marshal([]any{calc.Add(2, 40), calc.Greet("Vite"), calc.Mean([]float64{1, 2, 3.5}), version})
	return string(data)
}

// checkModes waits until the page at url shows its results in every mode
// and compares them with want.
func checkModes(t *testing.T, b *harness.Browser, url, want string, screenshot string) {
	t.Helper()
	if err := chromedp.Run(b.Ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	got := waitModes(t, b, want, time.Minute)
	for mode, result := range got {
		if result != want {
			t.Errorf("%s mode shows %s, native Go %s", mode, result, want)
		}
	}
	if screenshot != "" {
		b.Screenshot(t, "vite/"+screenshot)
	}
	for _, p := range b.Problems() {
		if !strings.Contains(p, "favicon") {
			t.Errorf("the page reported: %s", p)
		}
	}
}

// countSyncMessages makes each page b opens count the sync calls it posts
// to a worker: worker and pool modes post them as arrays, and pass them
// through the shared-memory channel instead where the page can share
// memory (web/bridge/remote.js).
func countSyncMessages(t *testing.T, b *harness.Browser) {
	t.Helper()
	const script = `globalThis.syncMessages = 0;
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (Array.isArray(message)) globalThis.syncMessages++;
  return post.call(this, message, ...rest);
};`
	err := chromedp.Run(b.Ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(script).Do(ctx)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// transport is which way a page's worker and pool calls went.
type transport struct {
	Isolated      bool // crossOriginIsolated
	SyncMessages  int  // sync calls posted to a worker (countSyncMessages)
	ChannelLoaded bool // the page fetched the bridge's channel.js (a chunk of it in builds)
}

func workerTransport(t *testing.T, b *harness.Browser) transport {
	t.Helper()
	var w transport
	err := chromedp.Run(b.Ctx, chromedp.Evaluate(`({
  Isolated: crossOriginIsolated,
  SyncMessages: globalThis.syncMessages,
  ChannelLoaded: performance.getEntriesByType('resource').some((e) => /\/channel(-[^/]*)?\.js(\?|$)/.test(e.name)),
})`, &w))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// waitModes polls the page's outputs until each shows want or an error,
// or timeout passes; it returns what each mode showed last.
func waitModes(t *testing.T, b *harness.Browser, want string, timeout time.Duration) map[string]string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var got map[string]string
	for {
		var raw string
		err := chromedp.Run(b.Ctx, chromedp.Evaluate(`JSON.stringify(Object.fromEntries(
			[...document.querySelectorAll('output[data-mode]')].map((o) => [o.dataset.mode, o.textContent])))`, &raw))
		if err == nil && json.Unmarshal([]byte(raw), &got) == nil && len(got) == 3 {
			done := true
			for _, v := range got {
				done = done && (v == want || strings.HasPrefix(v, "error"))
			}
			if done {
				return got
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page shows %v (err %v), want %s in each mode\nconsole:\n%s", got, err, want, strings.Join(b.Console(), "\n"))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestReact(t *testing.T) {
	dir := project(t, "react-ts", "react", []string{"@gowasm/bridge", "react", "react-dom"},
		[]string{"@gowasm/vite", "@types/node", "@types/react", "@types/react-dom", "@vitejs/plugin-react", "typescript", "vite"})
	strictTSConfig(t, filepath.Join(dir, "tsconfig.app.json"))
	viteBuild(t, dir)
	run(t, dir, "npx", "tsc", "-b")

	browser := harness.NewBrowser(t)
	countSyncMessages(t, browser)
	checkModes(t, browser, serve(t, dir, "preview").URL, native("v1"), "react-preview.png")
	if w := workerTransport(t, browser); w.Isolated || w.SyncMessages == 0 || w.ChannelLoaded {
		t.Errorf("vite preview: %+v, want a page that is not isolated, whose worker and pool calls go by message", w)
	} else {
		t.Logf("vite preview: %+v", w)
	}

	// Isolated, the same build's worker and pool calls cross through the
	// shared-memory channel, whose calling side Vite split into a chunk;
	// so do those of vite dev.
	t.Run("cross-origin isolated", func(t *testing.T) {
		b := harness.NewBrowser(t)
		countSyncMessages(t, b)
		for _, command := range []string{"preview", "dev"} {
			checkModes(t, b, serve(t, dir, command, "--config", "vite.isolated.config.ts").URL, native("v1"), "")
			if w := workerTransport(t, b); !w.Isolated || w.SyncMessages != 0 || !w.ChannelLoaded {
				t.Errorf("vite %s --config vite.isolated.config.ts: %+v, want an isolated page that loaded channel.js and posted no sync call to a worker", command, w)
			} else {
				t.Logf("vite %s --config vite.isolated.config.ts: %+v", command, w)
			}
		}
	})

	t.Run("dev", func(t *testing.T) {
		dev := serve(t, dir, "dev")
		b := harness.NewBrowser(t)
		checkModes(t, b, dev.URL, native("v1"), "")
		source := filepath.Join(dir, "calc", "calc.go")
		good, _ := os.ReadFile(source)
		version := func(v string) string { return strings.Replace(string(good), `return "v1"`, `return "`+v+`"`, 1) }
		rebuilds := func() int { return strings.Count(dev.Log.String(), "[gowasm] rebuilt") }

		// A file beside the Go that is not Go rebuilds nothing; an edit
		// rebuilds the module, once, and reloads the page.
		writeFile(t, filepath.Join(dir, "calc", "NOTES.md"), "not Go\n")
		time.Sleep(200 * time.Millisecond)
		writeFile(t, source, version("v2"))
		waitModes(t, b, native("v2"), time.Minute)
		if n := rebuilds(); n != 1 {
			t.Errorf("a note and a Go edit rebuilt the Go %d times, want once:\n%s", n, dev.Log.String())
		}

		// Two saves in a row: the page ends with the second.
		writeFile(t, source, version("v3"))
		time.Sleep(300 * time.Millisecond)
		writeFile(t, source, version("v4"))
		waitModes(t, b, native("v4"), time.Minute)

		// A compile error shows in the overlay, at its file and line.
		broken := version("v4") + "\nfunc Broken() int { return \"not an int\" }\n"
		writeFile(t, source, broken)
		line := strings.Count(broken[:strings.Index(broken, "func Broken")], "\n") + 1
		wantLoc := fmt.Sprintf("calc/calc.go:%d:", line)
		overlay := waitOverlay(t, b, wantLoc, time.Minute)
		t.Logf("overlay: %.300s", overlay)

		// While it stands, a reloaded page runs the last good module and
		// shows the error again.
		if err := chromedp.Run(b.Ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		waitModes(t, b, native("v4"), time.Minute)
		waitOverlay(t, b, wantLoc, time.Minute)

		// Fixed, the page recovers with the new module.
		writeFile(t, source, version("v5"))
		if err := chromedp.Run(b.Ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		waitModes(t, b, native("v5"), time.Minute)
		var open bool
		chromedp.Run(b.Ctx, chromedp.Evaluate(`document.querySelector('vite-error-overlay') !== null`, &open))
		if open {
			t.Error("the error overlay is still open after the fix")
		}
	})

	// A save while a build runs, after it read the sources: the CLI is
	// slowed after its work, so the second save lands inside the build.
	t.Run("save during a build", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "vite.slow.config.ts"), `import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import gowasm from '@gowasm/vite'

export default defineConfig({
  plugins: [react(), gowasm({ packages: ['./calc'], command: ['sh', '-c', 'go tool gowasm "$@"; s=$?; sleep 2; exit $s', 'sh'] })],
})
`)
		source := filepath.Join(dir, "calc", "calc.go")
		good, _ := os.ReadFile(source)
		at := regexp.MustCompile(`return "v\d+"`).FindString(string(good))
		version := func(v string) string { return strings.Replace(string(good), at, `return "`+v+`"`, 1) }
		dev := serve(t, dir, "dev", "--config", "vite.slow.config.ts")
		b := harness.NewBrowser(t)
		checkModes(t, b, dev.URL, native(strings.Split(at, `"`)[1]), "")
		writeFile(t, source, version("v6"))
		time.Sleep(time.Second)
		writeFile(t, source, version("v7"))
		waitModes(t, b, native("v7"), time.Minute)
	})
}

func TestVue(t *testing.T) {
	dir := project(t, "vue-ts", "vue", []string{"@gowasm/bridge", "vue"},
		[]string{"@gowasm/vite", "@types/node", "@vitejs/plugin-vue", "@vue/tsconfig", "typescript", "vite", "vue-tsc"})
	strictTSConfig(t, filepath.Join(dir, "tsconfig.app.json"))
	os.Remove(filepath.Join(dir, "src", "components", "HelloWorld.vue"))
	viteBuild(t, dir)
	run(t, dir, "npx", "vue-tsc", "-b")
	checkModes(t, harness.NewBrowser(t), serve(t, dir, "preview").URL, native("v1"), "vue-preview.png")
}

// waitOverlay waits for Vite's error overlay to show text containing want.
func waitOverlay(t *testing.T, b *harness.Browser, want string, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var text string
		chromedp.Run(b.Ctx, chromedp.Evaluate(`document.querySelector('vite-error-overlay')?.shadowRoot?.querySelector('.window')?.innerText ?? ''`, &text))
		if strings.Contains(text, want) {
			return text
		}
		if time.Now().After(deadline) {
			t.Fatalf("the error overlay shows %q, want it to name %s", text, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// strictTSConfig turns on strict in a tsconfig (create-vite's react-ts
// leaves it off).
func strictTSConfig(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), `"compilerOptions": {`, `"compilerOptions": {
    "strict": true,`, 1)
	writeFile(t, path, s)
}

// viteServer is vite dev or vite preview, running until the test ends.
type viteServer struct {
	URL string
	Log harness.SyncBuffer // what it has printed so far
}

// serve runs vite dev or vite preview, with flags, on a free port until
// the test ends.
func serve(t *testing.T, dir, command string, flags ...string) *viteServer {
	port := freePort(t)
	args := []string{"vite", "--port", strconv.Itoa(port), "--strictPort", "--host", "127.0.0.1"}
	if command == "preview" {
		args = []string{"vite", "preview", "--port", strconv.Itoa(port), "--strictPort", "--host", "127.0.0.1"}
	}
	cmd := exec.Command("npx", append(args, flags...)...)
	cmd.Dir = dir
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	harness.Start(t, cmd)
	v := &viteServer{URL: fmt.Sprintf("http://127.0.0.1:%d/", port)}
	ready, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited) // vite closed its output: it is gone
		scan := bufio.NewScanner(stdout)
		listening := false
		for scan.Scan() {
			line := sgrSequence.ReplaceAllString(scan.Text(), "")
			v.Log.Write([]byte(line + "\n"))
			if !listening && strings.Contains(line, v.URL) {
				listening = true
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-exited:
		t.Fatalf("vite %s exited before it printed %s:\n%s", command, v.URL, v.Log.String())
	case <-time.After(2 * time.Minute):
		t.Fatalf("vite %s printed no %s:\n%s", command, v.URL, v.Log.String())
	}
	return v
}

// sgrSequence is a terminal colour code. Vite colours its output whenever
// CI is set, even into a pipe, and splits the URL it prints with them.
var sgrSequence = regexp.MustCompile("\x1b\\[[0-9;]*m")

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s in %s: %v\n%s", name, strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

func copyTree(t *testing.T, src, dst string) {
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readJSON(t *testing.T, path string, v any) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

// TestReadmeShowsWhatTheTestDoes: the README's Vite section shows the
// very files these tests write, so that following it is what they check.
func TestReadmeShowsWhatTheTestDoes(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(harness.Root(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(data)
	start := strings.Index(section, "## Vite (React and Vue)")
	if start < 0 {
		t.Fatal("README.md has no Vite section")
	}
	section = section[start:]
	section = section[:strings.Index(section[3:], "\n## ")+3]
	var blocks []string
	for _, m := range regexp.MustCompile("(?s)\n   ```\\w*\n(.*?)\n   ```").FindAllStringSubmatch(section, -1) {
		blocks = append(blocks, regexp.MustCompile(`(?m)^   `).ReplaceAllString(m[1], "")+"\n")
	}
	goModBlock := "cat > go.mod <<'GO'\n" + fmt.Sprintf(goMod, "/path/to/gowasm") + "GO\ngo mod tidy\n"
	want := []string{goModBlock, read(t, "calc/calc.go"), read(t, "react/vite.config.ts"), read(t, "react/src/App.tsx"), read(t, "react/vite.isolated.config.ts")}
	if len(blocks) != len(want) {
		t.Fatalf("the README's Vite section has %d code blocks, want %d", len(blocks), len(want))
	}
	for i := range want {
		if blocks[i] != want[i] {
			t.Errorf("README code block %d differs from what the test writes:\n--- README\n%s\n--- test\n%s", i+1, blocks[i], want[i])
		}
	}
}

func read(t *testing.T, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestGoModuleAboveTheViteRoot: a repository with go.mod at its top and
// the Vite project in web/. The plugin finds the Go module by walking up
// from Vite's root, and its package patterns are relative to that module;
// with a go.mod of its own in web/, goModule points it back up.
func TestGoModuleAboveTheViteRoot(t *testing.T) {
	repo := t.TempDir()
	copyTree(t, "calc", filepath.Join(repo, "calc"))
	writeFile(t, filepath.Join(repo, "go.mod"), fmt.Sprintf(goMod, harness.Root()))
	run(t, repo, "go", "mod", "tidy")
	web := filepath.Join(repo, "web")
	packs := pack(t)
	writeFile(t, filepath.Join(web, "package.json"), fmt.Sprintf(`{
  "name": "web", "private": true, "type": "module",
  "dependencies": { "@gowasm/bridge": "file:%s" },
  "devDependencies": { "@gowasm/vite": "file:%s", "vite": "%s" }
}
`, packs["@gowasm/bridge"], packs["@gowasm/vite"], versions["vite"]))
	writeFile(t, filepath.Join(web, "index.html"), `<!doctype html>
<html><head><meta charset="utf-8"><title>calc</title></head>
<body><script type="module" src="/main.js"></script></body></html>
`)
	writeFile(t, filepath.Join(web, "main.js"), `import { load } from '@gowasm/bridge'
import calc from 'gowasm:calc'
import calcWasm, { size } from 'gowasm:calc.wasm'

async function run(mode) {
  const go = await load(calc, { wasm: calcWasm, size, mode })
  return JSON.stringify([await go.add(2, 40), await go.greet('Vite'), await go.mean(new Float64Array([1, 2, 3.5])), await go.version()])
}
window.results = Promise.all([run('inline'), run('worker')])
`)
	run(t, web, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
	b := harness.NewBrowser(t)
	check := func(config string) {
		t.Helper()
		viteBuild(t, web, "--config", config)
		var results []string
		b.EvalPage(t, serve(t, web, "preview", "--config", config).URL, `window.results`, time.Minute, &results)
		want := native("v1")
		if len(results) != 2 || results[0] != want || results[1] != want {
			t.Errorf("inline and worker give %q; native Go %s", results, want)
		}
	}

	writeFile(t, filepath.Join(web, "vite.config.js"), `import gowasm from '@gowasm/vite'

export default { plugins: [gowasm({ packages: ['./calc'] })] }
`)
	check("vite.config.js")

	// A package the module lacks: the build fails naming it and the module.
	writeFile(t, filepath.Join(web, "vite.nope.config.js"), `import gowasm from '@gowasm/vite'

export default { plugins: [gowasm({ packages: ['./nope'] })] }
`)
	buildFails(t, web, "vite.nope.config.js", "package ./nope, looked up in "+repo)

	// A go.mod in web/ without the gowasm tool: the build fails naming
	// the module it ran in, how to add the CLI, and goModule.
	writeFile(t, filepath.Join(web, "go.mod"), "module example.com/web\n\ngo 1.26\n")
	buildFails(t, web, "vite.config.js", "runs `go tool gowasm` in "+web+", which failed",
		"go get -tool github.com/gowasm/gowasm/tools/cmd/gowasm", "options.goModule")
	writeFile(t, filepath.Join(web, "vite.up.config.js"), `import gowasm from '@gowasm/vite'

export default { plugins: [gowasm({ packages: ['./calc'], goModule: '..' })] }
`)
	check("vite.up.config.js")
}

// buildFails runs vite build with config and wants it to fail saying
// each of wants.
func buildFails(t *testing.T, dir, config string, wants ...string) {
	t.Helper()
	cmd := exec.Command("npx", "vite", "build", "--config", config)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("vite build --config %s succeeded; want a failure saying %q", config, wants)
	}
	for _, want := range wants {
		if !strings.Contains(string(out), want) {
			t.Errorf("vite build --config %s failed without saying %q:\n%s", config, want, out)
		}
	}
}
