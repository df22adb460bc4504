package serving

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/gowasm/gowasm/e2e/internal/harness"
)

// TestLoad runs wrk against nginx on loopback for 10 s each on index.html
// and on the wasm module (brotli): no request may fail. Throughput and
// p99 latency are logged, not asserted: the machine is shared and noisy.
func TestLoad(t *testing.T) {
	if _, err := exec.LookPath("wrk"); err != nil {
		t.Fatalf("wrk is not installed (run `make deps`): %v", err)
	}
	root := dist(t)
	n := harness.StartNginx(t, root)
	wasm := asset(t, harness.ReadManifest(t, root), "assets/imaging-", ".wasm")
	for _, target := range []struct{ name, path string }{{"index.html", "/"}, {"imaging.wasm (br)", wasm}} {
		out, err := exec.Command("wrk", "-t2", "-c32", "-d10s", "--latency",
			"-H", "Accept-Encoding: br, gzip", n.URL+target.path).CombinedOutput()
		if err != nil {
			t.Fatalf("wrk: %v\n%s", err, out)
		}
		report := string(out)
		if strings.Contains(report, "Non-2xx or 3xx responses") || strings.Contains(report, "Socket errors") {
			t.Errorf("%s: requests failed under load:\n%s", target.name, report)
		}
		rps := regexp.MustCompile(`Requests/sec:\s+([\d.]+)`).FindStringSubmatch(report)
		p99 := regexp.MustCompile(`\s99%\s+(\S+)`).FindStringSubmatch(report)
		total := regexp.MustCompile(`(\d+) requests in`).FindStringSubmatch(report)
		if rps == nil || p99 == nil || total == nil || total[1] == "0" {
			t.Fatalf("%s: unreadable wrk report:\n%s", target.name, report)
		}
		t.Logf("%s: %s requests in 10 s, %s requests/s, p99 latency %s, 0 errors", target.name, total[1], rps[1], p99[1])
	}
}
