// The container as the Deployment runs it, on this machine. No Docker
// engine runs where the tests run, so the test builds the pod's view with
// util-linux, from the rendered Deployment and the Dockerfile: new mount
// and network namespaces (unshare), the image's files bind-mounted where
// the Dockerfile copies them, every mount read-only
// (readOnlyRootFilesystem), an empty tmpfs at each emptyDir mount, and the
// container's user with no capabilities and no new privileges (setpriv),
// running the image's CMD, which runs real nginx on nginx.conf unchanged.
package kubernetes

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
	corev1 "k8s.io/api/core/v1"
)

// podSandbox is the script unshare runs, as root, in the pod's new mount
// and network namespaces; it ends by becoming the container's command.
// Mount changes stay in the new namespace: unshare makes its mounts
// private.
const podSandbox = `set -eu
# The pod's own loopback: nginx listens on its port there, clear of
# whatever listens on the machine's.
ip link set lo up
# The image's files, where the Dockerfile copies them: pairs of lines.
printf '%s\n' "$POD_BINDS" | while IFS= read -r source && IFS= read -r target; do
	mount --bind "$source" "$target"
done
# readOnlyRootFilesystem: every mount read-only but the kernel's, as in a
# container. remount,bind changes the mount in this namespace only; a
# plain remount,ro would make the machine's own filesystem read-only.
if [ "$POD_READ_ONLY_ROOT" = true ]; then
	while read -r _ _ _ _ mountpoint _; do
		case $mountpoint in
		/proc | /proc/* | /sys | /sys/* | /dev | /dev/*) ;;
		*) mount -o remount,bind,ro "$mountpoint" ;;
		esac
	done </proc/self/mountinfo
fi
# The emptyDir volumes: empty and writable, up to their sizeLimit.
printf '%s\n' "$POD_EMPTYDIRS" | while IFS= read -r dir && IFS= read -r size; do
	mount -t tmpfs -o "mode=1777,size=$size" emptydir "$dir"
done
# runc gives a container's standard output and error to its user, so that
# nginx can open /dev/stdout and /dev/stderr.
for fd in 1 2; do
	[ ! -p /proc/self/fd/$fd ] || chown "$POD_UID:$POD_GID" /proc/self/fd/$fd
done
uid=$POD_UID gid=$POD_GID
unset POD_BINDS POD_READ_ONLY_ROOT POD_EMPTYDIRS POD_UID POD_GID
exec setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs -- "$@"
`

// debianPath is the PATH of a Debian image that sets none.
const debianPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// podConfig is what the sandbox takes from the Deployment and the
// Dockerfile. Whatever the Deployment says, the sandbox drops every
// capability and forbids new privileges (TestDeployment checks that the
// Deployment says so too).
type podConfig struct {
	UID, GID     int64
	Command      []string
	ReadOnlyRoot bool
	EmptyDirs    map[string]int64 // mount path → size limit in bytes
	Binds        [][2]string      // source, target
	Port         string           // the container's port
	Readiness    *corev1.Probe
	Liveness     *corev1.Probe
	PIDFile      string // nginx.conf's pid
}

// newPodConfig reads the rendered Deployment and the Dockerfile, and lays
// out the image's files, with site as the built site.
func newPodConfig(t *testing.T, site string) podConfig {
	t.Helper()
	b, img, srv := renderedBase(t), readImage(t), readNginxConf(t)
	d := b.Deployment
	c := container(t, d)
	sc, psc := securityContexts(c, d.Spec.Template.Spec)
	uid, gid := effective(sc.RunAsUser, psc.RunAsUser), effective(sc.RunAsGroup, psc.RunAsGroup)
	if uid == nil || gid == nil {
		t.Fatal("the Deployment names no runAsUser and runAsGroup")
	}
	if len(c.Ports) != 1 {
		t.Fatalf("container ports %+v, want one", c.Ports)
	}
	cfg := podConfig{
		UID: *uid, GID: *gid,
		ReadOnlyRoot: sc.ReadOnlyRootFilesystem != nil && *sc.ReadOnlyRootFilesystem,
		Command:      img.Cmd,
		EmptyDirs:    emptyDirs(t, d),
		Port:         strconv.Itoa(int(c.Ports[0].ContainerPort)),
		Readiness:    c.ReadinessProbe,
		Liveness:     c.LivenessProbe,
		PIDFile:      srv.PIDFile,
	}
	if len(c.Command) > 0 || len(c.Args) > 0 {
		cfg.Command = append(slices.Clone(c.Command), c.Args...)
	}
	cfg.Binds = imageFiles(t, img, srv, site)
	return cfg
}

// imageFiles lays out the files the Dockerfile's final stage copies from
// the repository as the image holds them, and returns what to bind-mount
// where: for each, the nearest directory that this machine's Debian nginx
// package made too (/etc/nginx), and the site where the image's COPY
// --from=build puts dist/, which must be nginx.conf's root. Debian's own
// files in those directories are hidden: nginx.conf must not need them.
func imageFiles(t *testing.T, img image, srv server, site string) [][2]string {
	t.Helper()
	staging := t.TempDir()
	var targets []string
	var binds [][2]string
	for _, in := range img.Stage.Find("COPY") {
		sources, dest := in.Args[:len(in.Args)-1], in.Args[len(in.Args)-1]
		if slices.ContainsFunc(in.Flags, func(f string) bool { return strings.HasPrefix(f, "--from=") }) {
			if path.Clean(dest) != srv.Root {
				t.Fatalf("the Dockerfile copies %v from another stage to %s, not to nginx.conf's root %s", sources, dest, srv.Root)
			}
			binds = append(binds, [2]string{site, srv.Root})
			continue
		}
		for _, source := range sources {
			target := dest
			if strings.HasSuffix(dest, "/") {
				target = path.Join(dest, path.Base(source))
			}
			data, err := os.ReadFile(filepath.Join(repoRoot, source))
			if err != nil {
				t.Fatalf("COPY %s: %v", source, err)
			}
			staged := filepath.Join(staging, target)
			if err := os.MkdirAll(filepath.Dir(staged), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(staged, data, 0o644); err != nil {
				t.Fatal(err)
			}
			dir := path.Dir(target)
			for !isDir(dir) {
				dir = path.Dir(dir)
			}
			if dir == "/" {
				t.Fatalf("COPY %s %s: no directory of it exists here to mount it on", source, dest)
			}
			targets = append(targets, dir)
		}
	}
	// The outermost directories only: one bind holds what is inside.
	slices.Sort(targets)
	targets = slices.Compact(targets)
	for _, dir := range targets {
		if !slices.ContainsFunc(targets, func(outer string) bool { return strings.HasPrefix(dir, outer+"/") }) {
			binds = append(binds, [2]string{filepath.Join(staging, dir), dir})
		}
	}
	return binds
}

// onDebianPath is the file a command names on debianPath, or "".
func onDebianPath(name string) string {
	for _, dir := range filepath.SplitList(debianPath) {
		file := filepath.Join(dir, name)
		if info, err := os.Stat(file); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o111 != 0 {
			return file
		}
	}
	return ""
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// pod is nginx running as the Deployment's container would.
type pod struct {
	cfg    podConfig
	pid    int // nginx's master, the pod's first process, as this machine numbers it
	client *http.Client
	logs   *syncBuffer
	exited chan struct{} // closed once nginx has exited; then err is how (unshare passes its status on)
	err    error
}

// startPod starts the container's command in its sandbox, as root must.
func startPod(t *testing.T, cfg podConfig) *pod {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Fatal("the pod's sandbox needs root, to make namespaces and mounts and to become the container's user (make test runs as root)")
	}
	for _, tool := range []string{"unshare", "setpriv", "mount", "ip", "nginx"} {
		if onDebianPath(tool) == "" {
			t.Fatalf("%s is not installed (run ./scripts/deps.sh pod nginx)", tool)
		}
	}
	var binds, emptyDirs []string
	for _, b := range cfg.Binds {
		binds = append(binds, b[0], b[1])
	}
	for dir, size := range cfg.EmptyDirs {
		if size == 0 {
			size = 1 << 30
		}
		emptyDirs = append(emptyDirs, dir, strconv.FormatInt(size, 10))
	}
	// The mounted directories themselves must let the container's user
	// in, as Docker's COPY leaves them (t.TempDir makes them private).
	for _, b := range cfg.Binds {
		if err := os.Chmod(b[0], 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A pod's own PID namespace too, with nginx as its first process: when
	// that exits, or unshare is killed (--kill-child), the kernel ends every
	// process left in it.
	args := append([]string{"--mount", "--net", "--pid", "--kill-child", "--", "sh", "-c", podSandbox, "pod"}, cfg.Command...)
	cmd := exec.Command(onDebianPath("unshare"), args...)
	// Should the test binary die (a timeout), unshare and so the pod die too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Env = []string{
		"PATH=" + debianPath,
		"POD_BINDS=" + strings.Join(binds, "\n"),
		"POD_READ_ONLY_ROOT=" + strconv.FormatBool(cfg.ReadOnlyRoot),
		"POD_EMPTYDIRS=" + strings.Join(emptyDirs, "\n"),
		"POD_UID=" + strconv.FormatInt(cfg.UID, 10),
		"POD_GID=" + strconv.FormatInt(cfg.GID, 10),
	}
	p := &pod{cfg: cfg, logs: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.logs, p.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		if !p.waitExit(0) {
			if p.pid != 0 {
				syscall.Kill(p.pid, syscall.SIGTERM)
			}
			if !p.waitExit(5 * time.Second) {
				cmd.Process.Kill()
				<-p.exited
			}
		}
		if t.Failed() {
			t.Logf("the pod's output:\n%s", p.logs.String())
		}
	})
	// The first process of the pod is unshare's child, which becomes nginx.
	for deadline := time.Now().Add(5 * time.Second); p.pid == 0; time.Sleep(5 * time.Millisecond) {
		if p.waitExit(0) || time.Now().After(deadline) {
			t.Fatalf("the pod did not start (%v):\n%s", p.err, p.logs.String())
		}
		if kids := children(cmd.Process.Pid); len(kids) == 1 {
			p.pid = kids[0]
		}
	}
	p.client = &http.Client{
		Transport: &http.Transport{DialContext: dialIn(p.pid), DisableKeepAlives: true},
		Timeout:   10 * time.Second,
	}
	return p
}

// waitExit reports whether nginx has exited within d.
func (p *pod) waitExit(d time.Duration) bool {
	select {
	case <-p.exited:
		return true
	case <-time.After(d):
		return false
	}
}

// url is the address of path on the container's port, in the pod.
func (p *pod) url(path string) string { return "http://127.0.0.1:" + p.cfg.Port + path }

// probe runs an HTTP probe of the Deployment as the kubelet does: a
// status from 200 to 399 succeeds.
func (p *pod) probe(probe *corev1.Probe) error {
	if probe == nil || probe.HTTPGet == nil {
		return errors.New("no HTTP probe")
	}
	resp, err := p.client.Get(p.url(probe.HTTPGet.Path))
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode >= 400 {
		return fmt.Errorf("GET %s: %s", probe.HTTPGet.Path, resp.Status)
	}
	return nil
}

// waitReady waits for the readiness probe to succeed; it fails the test
// if nginx exits or takes more than 10 seconds.
func (p *pod) waitReady(t *testing.T) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; {
		err := p.probe(p.cfg.Readiness)
		if err == nil {
			return
		}
		select {
		case <-p.exited:
			t.Fatalf("nginx exited before it was ready (%v):\n%s", p.err, p.logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the readiness probe still fails after 10 s: %v\n%s", err, p.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// dialIn returns a dialer whose connections open in the network namespace
// of process pid, where the pod's nginx listens.
func dialIn(pid int) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		// A network namespace is a thread's: keep this goroutine on this
		// thread while it is in the pod's. A socket stays in the namespace
		// it was made in.
		runtime.LockOSThread()
		own, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			runtime.UnlockOSThread()
			return nil, err
		}
		defer own.Close()
		theirs, err := os.Open(fmt.Sprintf("/proc/%d/ns/net", pid))
		if err != nil {
			runtime.UnlockOSThread()
			return nil, err
		}
		defer theirs.Close()
		if err := unix.Setns(int(theirs.Fd()), unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			return nil, err
		}
		conn, dialErr := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err := unix.Setns(int(own.Fd()), unix.CLONE_NEWNET); err != nil {
			// Left in the pod's namespace, the thread must not run other
			// goroutines: staying locked, it ends with this one.
			if conn != nil {
				conn.Close()
			}
			return nil, fmt.Errorf("back to the test's network namespace: %w", err)
		}
		runtime.UnlockOSThread()
		return conn, dialErr
	}
}

// syncBuffer collects a process's output as it runs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// site is a small built site: the page, a content-hashed asset, and a
// download large enough to be in flight for a while.
type site struct {
	Dir      string
	Files    map[string][]byte // URL path → body
	Download string            // URL path of the large file
}

func writeSite(t *testing.T, downloadSize int) site {
	t.Helper()
	s := site{Dir: t.TempDir(), Files: map[string][]byte{
		"/index.html":                  []byte("<!doctype html><title>gowasm</title><script type=module src=/assets/main-3f2a9c1d.js></script>\n"),
		"/assets/main-3f2a9c1d.js":     []byte("console.log('served');\n"),
		"/assets/module-7e1b2c3d.wasm": {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00},
	}}
	if downloadSize > 0 {
		s.Download = "/download.bin"
		// Bytes that differ along the file, so that a gap or a repeat shows.
		data := make([]byte, downloadSize)
		for i := 0; i < len(data); i += 8 {
			copy(data[i:], strconv.AppendInt(nil, int64(i/8)%1e8, 16))
		}
		s.Files[s.Download] = data
	}
	for name, data := range s.Files {
		file := filepath.Join(s.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestPodServesReadOnly runs nginx as the pod does and checks what the
// pod spec promises: its probes pass and it serves the site, as the
// container's user with no capabilities, on a root where nothing but the
// emptyDir can be written.
func TestPodServesReadOnly(t *testing.T) {
	s := writeSite(t, 0)
	cfg := newPodConfig(t, s.Dir)
	p := startPod(t, cfg)
	p.waitReady(t)
	if err := p.probe(cfg.Liveness); err != nil {
		t.Errorf("the liveness probe: %v", err)
	}
	// The kubelet takes any 2xx or 3xx; nginx.conf answers the health path
	// itself, with a 200 (not a redirect, nor the app's page).
	health := cfg.Readiness.HTTPGet.Path
	if resp, err := p.client.Get(p.url(health)); err != nil {
		t.Errorf("GET %s: %v", health, err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("GET %s: %s, Cache-Control %q; want 200, no-store", health, resp.Status, resp.Header.Get("Cache-Control"))
	}
	for _, name := range []string{"/", "/assets/main-3f2a9c1d.js", "/assets/module-7e1b2c3d.wasm"} {
		want := s.Files[name]
		if name == "/" {
			want = s.Files["/index.html"]
		}
		resp, err := p.client.Get(p.url(name))
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || !bytes.Equal(body, want) {
			t.Errorf("GET %s: %s %q (%v), want 200 %q", name, resp.Status, body, err, want)
		}
	}

	t.Run("user", func(t *testing.T) {
		// The master and its workers: the container's user and group, no
		// capabilities at all, no way to gain privileges.
		procs := append([]int{p.pid}, children(p.pid)...)
		if len(procs) < 2 {
			t.Fatalf("nginx runs no worker: processes %v", procs)
		}
		id := func(n int64) string { return strconv.FormatInt(n, 10) }
		for _, pid := range procs {
			status := procStatus(t, pid)
			for field, want := range map[string]string{
				"Uid":        strings.Repeat(id(cfg.UID)+"\t", 3) + id(cfg.UID),
				"Gid":        strings.Repeat(id(cfg.GID)+"\t", 3) + id(cfg.GID),
				"Groups":     "",
				"CapInh":     "0000000000000000",
				"CapPrm":     "0000000000000000",
				"CapEff":     "0000000000000000",
				"CapBnd":     "0000000000000000",
				"CapAmb":     "0000000000000000",
				"NoNewPrivs": "1",
			} {
				if status[field] != want {
					t.Errorf("process %d: %s %q, want %q", pid, field, status[field], want)
				}
			}
		}
	})

	t.Run("read-only root", func(t *testing.T) {
		// Every mount of the pod is read-only, but the emptyDirs and the
		// kernel's own.
		var seen []string
		for _, m := range mounts(t, p.pid) {
			_, isEmptyDir := cfg.EmptyDirs[m.point]
			kernel := slices.ContainsFunc([]string{"/proc", "/sys", "/dev"}, func(k string) bool { return m.point == k || strings.HasPrefix(m.point, k+"/") })
			switch {
			case isEmptyDir:
				seen = append(seen, m.point)
				if !slices.Contains(m.options, "rw") {
					t.Errorf("the emptyDir %s is mounted %v", m.point, m.options)
				}
			case !kernel && !slices.Contains(m.options, "ro"):
				t.Errorf("%s is writable: %v", m.point, m.options)
			}
		}
		if len(seen) != len(cfg.EmptyDirs) {
			t.Errorf("emptyDirs mounted at %v, want %v", seen, cfg.EmptyDirs)
		}
		// And a write says so: through /proc/PID/root, this test (root)
		// sees the files as nginx does.
		here, _ := filepath.Abs(".")
		outside := []string{"/", here}
		for _, b := range cfg.Binds {
			outside = append(outside, b[1])
		}
		// (This checkout, if it is under /tmp, is hidden by the emptyDir.)
		outside = slices.DeleteFunc(outside, func(dir string) bool {
			for emptyDir := range cfg.EmptyDirs {
				if strings.HasPrefix(dir+"/", emptyDir+"/") {
					return true
				}
			}
			return false
		})
		for _, dir := range outside {
			err := os.WriteFile(filepath.Join(fmt.Sprintf("/proc/%d/root", p.pid), dir, "written-by-test"), nil, 0o644)
			if !errors.Is(err, syscall.EROFS) {
				t.Errorf("writing in %s in the pod: %v, want %v", dir, err, syscall.EROFS)
			}
		}
		for dir := range cfg.EmptyDirs {
			if err := os.WriteFile(filepath.Join(fmt.Sprintf("/proc/%d/root", p.pid), dir, "written-by-test"), nil, 0o644); err != nil {
				t.Errorf("writing in the emptyDir %s: %v", dir, err)
			}
		}
		// nginx wrote its pid file there: its number in the pod, where it
		// is the first process.
		nspid := strings.Fields(procStatus(t, p.pid)["NSpid"])
		pid, err := os.ReadFile(filepath.Join(fmt.Sprintf("/proc/%d/root", p.pid), cfg.PIDFile))
		if err != nil || len(nspid) != 2 || strings.TrimSpace(string(pid)) != nspid[1] || nspid[1] != "1" {
			t.Errorf("nginx's pid file %s: %q (%v), want its pid in the pod %v, 1", cfg.PIDFile, pid, err, nspid)
		}
	})
}

// TestPodNeedsItsEmptyDir: without the emptyDir at /tmp, the same nginx
// cannot start. It shows that the root is read-only to nginx, and that the
// emptyDir is there for a reason.
func TestPodNeedsItsEmptyDir(t *testing.T) {
	cfg := newPodConfig(t, writeSite(t, 0).Dir)
	if len(cfg.EmptyDirs) == 0 {
		t.Fatal("the Deployment has no emptyDir")
	}
	cfg.EmptyDirs = nil
	p := startPod(t, cfg)
	if !p.waitExit(10 * time.Second) {
		t.Fatalf("nginx runs without a writable /tmp:\n%s", p.logs.String())
	}
	if p.err == nil || !strings.Contains(p.logs.String(), "Read-only file system") {
		t.Errorf("nginx exited with %v; want a failure on the read-only root:\n%s", p.err, p.logs.String())
	}
}

// TestPodStopsGracefully: when the pod stops, after the preStop sleep, the
// runtime sends the image's STOPSIGNAL. On it, nginx must close its port
// and still finish the download in flight, then exit. On SIGTERM,
// Kubernetes' default, nginx cuts the download: the check can fail.
func TestPodStopsGracefully(t *testing.T) {
	img := readImage(t)
	stopSignal := unix.SignalNum(img.StopSignal)
	if stopSignal == 0 {
		t.Fatalf("STOPSIGNAL %s is no signal", img.StopSignal)
	}
	d := renderedBase(t).Deployment
	// What the grace period leaves after the preStop sleep (TestDeployment checks both are set).
	drain := time.Duration(*d.Spec.Template.Spec.TerminationGracePeriodSeconds-container(t, d).Lifecycle.PreStop.Sleep.Seconds) * time.Second
	// Larger than the sockets' buffers on both sides, so that most of it
	// is still in nginx when the signal comes.
	const size = 64 << 20
	for _, c := range []struct {
		signal   syscall.Signal
		finishes bool
	}{
		{stopSignal, true},
		{syscall.SIGTERM, false},
	} {
		t.Run(unix.SignalName(c.signal), func(t *testing.T) {
			t.Parallel()
			s := writeSite(t, size)
			p := startPod(t, newPodConfig(t, s.Dir))
			p.waitReady(t)
			// A slow client: it has the headers and a little of the body.
			client := &http.Client{Transport: &http.Transport{DialContext: dialIn(p.pid)}, Timeout: time.Minute}
			resp, err := client.Get(p.url(s.Download))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			first := make([]byte, 64<<10)
			if _, err := io.ReadFull(resp.Body, first); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Kill(p.pid, c.signal); err != nil {
				t.Fatal(err)
			}
			// Stopping, nginx takes no new connection (if it has not
			// already gone, with its network namespace).
			for deadline := time.Now().Add(5 * time.Second); !p.waitExit(0); time.Sleep(10 * time.Millisecond) {
				conn, err := dialIn(p.pid)(context.Background(), "tcp", "127.0.0.1:"+p.cfg.Port)
				if errors.Is(err, fs.ErrNotExist) {
					break // nginx is gone, and its network namespace with it
				}
				if err != nil {
					// Refused once the port is closed; reset when the
					// connection was still queued on the listener as
					// nginx closed it. Either way nobody serves it.
					if !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, syscall.ECONNRESET) {
						t.Fatalf("a new connection while stopping: %v, want %v or %v", err, syscall.ECONNREFUSED, syscall.ECONNRESET)
					}
					break
				}
				conn.Close()
				if time.Now().After(deadline) {
					t.Fatalf("nginx still takes connections 5 s after %v", c.signal)
				}
			}
			if c.finishes && p.waitExit(0) {
				t.Fatalf("nginx exited (%v) before its download in flight was done", p.err)
			}
			rest, err := io.ReadAll(resp.Body)
			body := append(first, rest...)
			finished := err == nil && sha256.Sum256(body) == sha256.Sum256(s.Files[s.Download])
			if finished != c.finishes {
				t.Errorf("after %v, the download in flight finished: %v (%d of %d bytes, %v), want %v", c.signal, finished, len(body), size, err, c.finishes)
			}
			if !p.waitExit(drain) {
				t.Fatalf("nginx still runs %v after %v: the kubelet would kill it", drain, c.signal)
			}
			if c.finishes && p.err != nil {
				t.Errorf("nginx exited with %v after %v, want 0", p.err, c.signal)
			}
		})
	}
}

// children are the processes whose parent is pid; none once it is gone.
func children(pid int) []int {
	data, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	var out []int
	for _, f := range strings.Fields(string(data)) {
		n, _ := strconv.Atoi(f)
		out = append(out, n)
	}
	return out
}

// procStatus is /proc/PID/status as fields.
func procStatus(t *testing.T, pid int) map[string]string {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if name, value, ok := strings.Cut(line, ":"); ok {
			status[name] = strings.TrimSpace(value)
		}
	}
	return status
}

type mount struct {
	point   string
	options []string // the mount's own: ro or rw, nosuid...
}

// mounts are the mounts process pid sees, from /proc/PID/mountinfo.
func mounts(t *testing.T, pid int) []mount {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/mountinfo", pid))
	if err != nil {
		t.Fatal(err)
	}
	var out []mount
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 6 {
			t.Fatalf("mountinfo: %q", line)
		}
		point, err := strconv.Unquote(`"` + strings.ReplaceAll(fields[4], `"`, `\"`) + `"`) // octal escapes, as \040 for a space
		if err != nil {
			point = fields[4]
		}
		out = append(out, mount{point: point, options: strings.Split(fields[5], ",")})
	}
	return out
}
