package serving

import (
	"bufio"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// instruction is one parsed Dockerfile line: its keyword, flags and words.
type instruction struct {
	cmd   string
	flags []string
	args  []string
	json  bool
}

func parseDockerfile(t *testing.T) [][]instruction {
	t.Helper()
	f, err := os.Open(filepath.Join(harness.Root(), "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	result, err := parser.Parse(f)
	if err != nil {
		t.Fatalf("buildkit cannot parse the Dockerfile: %v", err)
	}
	var stages [][]instruction
	for _, node := range result.AST.Children {
		in := instruction{cmd: strings.ToUpper(node.Value), flags: node.Flags, json: node.Attributes["json"]}
		for n := node.Next; n != nil; n = n.Next {
			in.args = append(in.args, n.Value)
		}
		if in.cmd == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) == 0 {
			t.Fatalf("%s before the first FROM", in.cmd)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
	}
	return stages
}

func find(stage []instruction, cmd string) []instruction {
	var out []instruction
	for _, in := range stage {
		if in.cmd == cmd {
			out = append(out, in)
		}
	}
	return out
}

// makeRecipe returns the command lines of a Makefile target.
func makeRecipe(t *testing.T, target string) []string {
	f, err := os.Open(filepath.Join(harness.Root(), "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	in := false
	for scan := bufio.NewScanner(f); scan.Scan(); {
		line := scan.Text()
		switch {
		case strings.HasPrefix(line, target+":"):
			in = true
		case in && strings.HasPrefix(line, "\t"):
			lines = append(lines, strings.TrimSpace(line))
		case in:
			return lines
		}
	}
	return lines
}

// makePrerequisites returns the prerequisites of a Makefile target.
func makePrerequisites(t *testing.T, target string) []string {
	data, err := os.ReadFile(filepath.Join(harness.Root(), "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, target+":"); ok {
			return strings.Fields(rest)
		}
	}
	return nil
}

func TestDockerfile(t *testing.T) {
	stages := parseDockerfile(t)
	if len(stages) != 3 {
		t.Fatalf("%d stages, want 3 (npm packages, gowasm build, nginx)", len(stages))
	}
	pinned := regexp.MustCompile(`^[a-z0-9./-]+:[0-9][\w.-]*(@sha256:[0-9a-f]{64})?$`)
	for i, stage := range stages {
		from := stage[0].args[0]
		if !pinned.MatchString(from) || strings.Contains(from, "latest") {
			t.Errorf("stage %d: FROM %s is not pinned to a version", i, from)
		}
	}
	deps, build, final := stages[0], stages[1], stages[2]

	runs := func(stage []instruction) string {
		var all []string
		for _, in := range find(stage, "RUN") {
			all = append(all, strings.Join(in.args, " "))
		}
		return strings.Join(all, "\n")
	}
	// It installs the npm packages as make does, so that make build in the
	// next stage finds them current.
	if !slices.Contains(strings.Split(runs(deps), "\n"), "./scripts/deps.sh npm") || !strings.HasPrefix(deps[0].args[0], "node:") {
		t.Errorf("the first stage must run ./scripts/deps.sh npm on a node image:\n%s", runs(deps))
	}
	if prereqs := makePrerequisites(t, "build"); !slices.Equal(prereqs, []string{"deps-app"}) || !slices.Equal(makeRecipe(t, "deps-app"), []string{"./scripts/deps.sh npm go"}) {
		t.Errorf("make build depends on %q, want deps-app, which runs ./scripts/deps.sh npm go", prereqs)
	}
	// The image builds with exactly the command the tests build with.
	if !strings.HasPrefix(build[0].args[0], "golang:") || !slices.Contains(strings.Split(runs(build), "\n"), "make build") {
		t.Errorf("the build stage must run `make build` on a golang image:\n%s", runs(build))
	}
	if recipe := makeRecipe(t, "build"); len(recipe) != 1 || !strings.Contains(recipe[0], "gowasm build") {
		t.Errorf("make build is %q, want one gowasm build command", recipe)
	}

	finalRuns := runs(final)
	for _, pkg := range []string{"nginx", "libnginx-mod-http-brotli-static"} {
		if !regexp.MustCompile(`\b` + regexp.QuoteMeta(pkg) + `\b`).MatchString(finalRuns) {
			t.Errorf("the final stage does not install Debian's %s:\n%s", pkg, finalRuns)
		}
	}
	copies := map[string]string{}
	for _, in := range find(final, "COPY") {
		for _, src := range in.args[:len(in.args)-1] {
			key := src
			if slices.ContainsFunc(in.flags, func(f string) bool { return strings.HasPrefix(f, "--from=") }) {
				key = "from:" + src
			}
			copies[key] = in.args[len(in.args)-1]
		}
	}
	if copies["nginx/nginx.conf"] != "/etc/nginx/nginx.conf" {
		t.Errorf("nginx/nginx.conf is copied to %q, want /etc/nginx/nginx.conf", copies["nginx/nginx.conf"])
	}
	for _, snippet := range []string{"nginx/headers.conf", "nginx/security-headers.conf", "nginx/mime.types", "nginx/cross-origin-isolation.conf"} {
		if copies[snippet] != "/etc/nginx/nginx/" {
			t.Errorf("%s is copied to %q, want /etc/nginx/nginx/ (beside nginx.conf, as it includes it)", snippet, copies[snippet])
		}
	}
	if copies["from:/src/dist/"] != "/usr/share/nginx/html/" {
		t.Errorf("dist/ is copied to %q, want nginx.conf's root /usr/share/nginx/html/", copies["from:/src/dist/"])
	}
	if users := find(final, "USER"); len(users) != 1 || users[0].args[0] == "root" || users[0].args[0] == "0" {
		t.Errorf("the final stage must run as a non-root user: %v", users)
	}
	if exposes := find(final, "EXPOSE"); len(exposes) != 1 || exposes[0].args[0] != "8080" {
		t.Errorf("EXPOSE %v, want 8080 (nginx.conf listens there)", exposes)
	}
	health := find(final, "HEALTHCHECK")
	if len(health) != 1 || !strings.Contains(strings.Join(health[0].args, " "), "http://127.0.0.1:8080/healthz") {
		t.Errorf("HEALTHCHECK %v must probe /healthz on 8080", health)
	}
	cmd := find(final, "CMD")
	if len(cmd) != 1 || !cmd[0].json || strings.Join(cmd[0].args, " ") != "nginx -g daemon off;" {
		t.Errorf("CMD %v, want [\"nginx\", \"-g\", \"daemon off;\"]", cmd)
	}

	ignore, err := os.ReadFile(filepath.Join(harness.Root(), ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range []string{".git", "node_modules", "build", "dist"} {
		if !slices.Contains(strings.Split(string(ignore), "\n"), entry) {
			t.Errorf(".dockerignore does not exclude %s", entry)
		}
	}
}

// TestCrossOriginIsolationOptIn: uncommenting the documented include
// turns on COOP and COEP, and nothing else changes.
func TestCrossOriginIsolationOptIn(t *testing.T) {
	// A copy of nginx/ with the documented line uncommented.
	dir := t.TempDir()
	for _, name := range []string{"nginx.conf", "headers.conf", "security-headers.conf", "cross-origin-isolation.conf", "mime.types"} {
		data, err := os.ReadFile(filepath.Join(harness.Root(), "nginx", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	headers, _ := os.ReadFile(filepath.Join(dir, "headers.conf"))
	const line = "# include nginx/cross-origin-isolation.conf;"
	if strings.Count(string(headers), line) != 1 {
		t.Fatalf("nginx/headers.conf lacks the documented opt-in line %q", line)
	}
	os.WriteFile(filepath.Join(dir, "headers.conf"), []byte(strings.Replace(string(headers), line, strings.TrimPrefix(line, "# "), 1)), 0o644)
	n := harness.StartNginxConf(t, os.DirFS(dir), dist(t))
	resp, err := http.Get(n.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Cross-Origin-Opener-Policy") != "same-origin" || resp.Header.Get("Cross-Origin-Embedder-Policy") != "require-corp" {
		t.Errorf("opt-in did not add COOP/COEP: %v", resp.Header)
	}
	if resp.Header.Get("Content-Security-Policy") == "" {
		t.Error("opt-in dropped the security headers")
	}
	// And without the opt-in they are absent.
	plain := harness.StartNginx(t, dist(t))
	resp, err = http.Get(plain.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Cross-Origin-Opener-Policy") != "" {
		t.Error("COOP is sent without the opt-in")
	}
}
