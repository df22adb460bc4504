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

	"github.com/gowasm/gowasm/e2e/internal/harness"
	"github.com/gowasm/gowasm/internal/dockerfile"
	"github.com/gowasm/gowasm/nginx"
)

func parseDockerfile(t *testing.T) []dockerfile.Stage {
	t.Helper()
	stages, err := dockerfile.ParseFile(filepath.Join(harness.Root(), "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	return stages
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
		from := stage[0].Args[0]
		if !pinned.MatchString(from) || strings.Contains(from, "latest") {
			t.Errorf("stage %d: FROM %s is not pinned to a version", i, from)
		}
	}
	deps, build, final := stages[0], stages[1], stages[2]

	runs := func(stage dockerfile.Stage) string {
		var all []string
		for _, in := range stage.Find("RUN") {
			all = append(all, strings.Join(in.Args, " "))
		}
		return strings.Join(all, "\n")
	}
	// It installs the npm packages as make does, so that make build in the
	// next stage finds them current.
	if !slices.Contains(strings.Split(runs(deps), "\n"), "./scripts/deps.sh npm") || !strings.HasPrefix(deps[0].Args[0], "node:") {
		t.Errorf("the first stage must run ./scripts/deps.sh npm on a node image:\n%s", runs(deps))
	}
	if prereqs := makePrerequisites(t, "build"); !slices.Equal(prereqs, []string{"deps-app"}) || !slices.Equal(makeRecipe(t, "deps-app"), []string{"./scripts/deps.sh npm go"}) {
		t.Errorf("make build depends on %q, want deps-app, which runs ./scripts/deps.sh npm go", prereqs)
	}
	// The image builds with exactly the command the tests build with.
	if !strings.HasPrefix(build[0].Args[0], "golang:") || !slices.Contains(strings.Split(runs(build), "\n"), "make build") {
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
	for _, in := range final.Find("COPY") {
		for _, src := range in.Args[:len(in.Args)-1] {
			key := src
			if slices.ContainsFunc(in.Flags, func(f string) bool { return strings.HasPrefix(f, "--from=") }) {
				key = "from:" + src
			}
			copies[key] = in.Args[len(in.Args)-1]
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
	if users := final.Find("USER"); len(users) != 1 || users[0].Args[0] == "root" || users[0].Args[0] == "0" {
		t.Errorf("the final stage must run as a non-root user: %v", users)
	}
	port, err := nginx.Port()
	if err != nil {
		t.Fatal(err)
	}
	if exposes := final.Find("EXPOSE"); len(exposes) != 1 || exposes[0].Args[0] != port {
		t.Errorf("EXPOSE %v, want %s (nginx.conf listens there)", exposes, port)
	}
	health := final.Find("HEALTHCHECK")
	if len(health) != 1 || !strings.Contains(strings.Join(health[0].Args, " "), "http://127.0.0.1:"+port+"/healthz") {
		t.Errorf("HEALTHCHECK %v must probe /healthz on %s", health, port)
	}
	cmd := final.Find("CMD")
	if len(cmd) != 1 || !cmd[0].JSON || strings.Join(cmd[0].Args, " ") != "nginx -g daemon off;" {
		t.Errorf("CMD %v, want [\"nginx\", \"-g\", \"daemon off;\"]", cmd)
	}
	// nginx stops gracefully on SIGQUIT, finishing the requests in flight;
	// on the runtime's default, SIGTERM, it drops them (deploy/kubernetes
	// tests both against real nginx).
	if stop := final.Find("STOPSIGNAL"); len(stop) != 1 || stop[0].Args[0] != "SIGQUIT" {
		t.Errorf("STOPSIGNAL %v, want SIGQUIT", stop)
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
	n := harness.StartNginxIsolated(t, dist(t))
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
