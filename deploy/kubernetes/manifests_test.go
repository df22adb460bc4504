// The tests of the kustomize base: every manifest decodes strictly into
// its k8s.io/api type, the rendered base has the properties the issue
// asks for, and it agrees with the image it runs, as the Dockerfile and
// nginx.conf describe it. pod_test.go runs that nginx as the pod would.
package kubernetes

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/intstr"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"

	"github.com/gowasm/gowasm/internal/dockerfile"
	"github.com/gowasm/gowasm/internal/nginxconf"
	"github.com/gowasm/gowasm/nginx"
)

// repoRoot is the repository, from this package's directory, where go
// test runs.
var repoRoot = filepath.Join("..", "..")

// exampleOnly are the manifests that are examples for an overlay, kept out
// of the base: an Ingress names a host, a controller and a certificate
// that only the cluster's owner knows.
var exampleOnly = []string{"ingress.yaml"}

// strictDecoder decodes a manifest as the API server does with strict field
// validation (kubectl's default): an unknown field, a field in the wrong
// case (which encoding/json would quietly accept) or a duplicate field is
// an error. It knows the kinds of the base and nothing else.
var strictDecoder = func() runtime.Decoder {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		appsv1.AddToScheme, corev1.AddToScheme, autoscalingv2.AddToScheme, policyv1.AddToScheme, networkingv1.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	return serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer()
}()

// decodeManifest decodes a file that holds one object into its type.
func decodeManifest(data []byte) (runtime.Object, error) {
	docs, err := yamlDocuments(data)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("%d YAML documents, want one object per file", len(docs))
	}
	obj, _, err := strictDecoder.Decode(docs[0], nil, nil)
	return obj, err
}

// yamlDocuments splits a YAML stream into its non-empty documents.
func yamlDocuments(data []byte) ([][]byte, error) {
	var docs [][]byte
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(stripComments(doc))) > 0 {
			docs = append(docs, doc)
		}
	}
}

var commentLine = regexp.MustCompile(`(?m)^\s*#.*$`)

func stripComments(doc []byte) []byte { return commentLine.ReplaceAll(doc, nil) }

// decodeKustomization decodes kustomization.yaml strictly into kustomize's
// own type: an unknown or duplicate field is an error.
func decodeKustomization(data []byte) (*types.Kustomization, error) {
	var k types.Kustomization
	if err := yaml.UnmarshalStrict(data, &k); err != nil {
		return nil, err
	}
	return &k, nil
}

// readKustomization decodes this directory's kustomization.yaml, strictly.
func readKustomization(t *testing.T) *types.Kustomization {
	t.Helper()
	data, err := os.ReadFile("kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	k, err := decodeKustomization(data)
	if err != nil {
		t.Fatalf("kustomization.yaml: %v", err)
	}
	return k
}

// manifestFiles are the YAML files of the base's directory, kustomization.yaml aside.
func manifestFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return f == "kustomization.yaml" })
	if len(files) == 0 {
		t.Fatal("no manifests beside kustomization.yaml")
	}
	return files
}

func TestManifestsDecodeStrictly(t *testing.T) {
	kinds := map[string]string{}
	for _, file := range manifestFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		obj, err := decodeManifest(data)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		kind := fmt.Sprintf("%T", obj)
		if other, dup := kinds[kind]; dup {
			t.Errorf("%s and %s both hold a %s: one file per object", other, file, kind)
		}
		kinds[kind] = file
	}
	want := []string{"*v1.Deployment", "*v1.Service", "*v2.HorizontalPodAutoscaler", "*v1.PodDisruptionBudget", "*v1.NetworkPolicy", "*v1.Ingress"}
	if got := slices.Sorted(maps.Keys(kinds)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("the manifests hold %v, want %v", got, want)
	}
	readKustomization(t)
}

// TestMisspelledFieldsAreRejected feeds mutated copies of the manifests to
// the decoders of TestManifestsDecodeStrictly: each must fail, naming the
// field, so that a misspelled field can never be silently dropped (a
// dropped readOnlyRootFilesystem is a writable root).
func TestMisspelledFieldsAreRejected(t *testing.T) {
	mutations := map[string][]mutation{
		"deployment.yaml": {
			renameKey("readOnlyRootFilesystem", "readOnlyRootFileSystem"), // case alone
			renameKey("runAsNonRoot", "runAsNonroot"),
			renameKey("seccompProfile", "secompProfile"),
			renameKey("terminationGracePeriodSeconds", "terminationGracePeriod"),
			renameKey("topologySpreadConstraints", "topologySpreadConstraint"),
			renameKey("preStop", "prestop"),
			duplicateKey("runAsUser", "0"), // the last one would win: root
		},
		"service.yaml":       {renameKey("targetPort", "targetport")},
		"hpa.yaml":           {renameKey("averageUtilization", "averageUtilisation")},
		"pdb.yaml":           {renameKey("maxUnavailable", "maxUnavaliable")},
		"networkpolicy.yaml": {renameKey("policyTypes", "policyType")},
		"ingress.yaml":       {renameKey("ingressClassName", "ingressClass")},
		"kustomization.yaml": {renameKey("includeTemplates", "includeTemplate"), duplicateKey("includeSelectors", "true")},
	}
	for _, file := range append(manifestFiles(t), "kustomization.yaml") {
		if len(mutations[file]) == 0 {
			t.Errorf("%s has no mutation here: add one, so that its decoding is shown to be strict", file)
		}
	}
	for file, mutate := range mutations {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		decode := func(data []byte) error { _, err := decodeManifest(data); return err }
		if file == "kustomization.yaml" {
			decode = func(data []byte) error { _, err := decodeKustomization(data); return err }
		}
		if err := decode(data); err != nil {
			t.Fatalf("%s does not decode as it is: %v", file, err)
		}
		for _, m := range mutate {
			mutated, key, err := m(string(data))
			if err != nil {
				t.Errorf("%s: %v", file, err)
				continue
			}
			err = decode([]byte(mutated))
			if err == nil {
				t.Errorf("%s: a mutated copy decodes without an error:\n%s", file, diffLines(string(data), mutated))
			} else if !strings.Contains(err.Error(), key) {
				t.Errorf("%s: a mutated copy fails, but not on %s: %v\n%s", file, key, err, diffLines(string(data), mutated))
			}
		}
	}
}

// mutation changes a YAML text, and returns the key its decoding must
// complain about.
type mutation func(text string) (mutated, key string, err error)

// renameKey renames the one mapping key `from:` of a YAML text.
func renameKey(from, to string) mutation {
	return func(text string) (string, string, error) {
		key := regexp.MustCompile(`(?m)^(\s*(?:- )?)` + regexp.QuoteMeta(from) + `:`)
		if n := len(key.FindAllString(text, -1)); n != 1 {
			return "", "", fmt.Errorf("key %s: found %d times, want once", from, n)
		}
		return key.ReplaceAllString(text, "${1}"+to+":"), to, nil
	}
}

// duplicateKey repeats the one mapping key `key:` of a YAML text, with
// another value, on the line after it.
func duplicateKey(key, value string) mutation {
	return func(text string) (string, string, error) {
		line := regexp.MustCompile(`(?m)^(\s*)` + regexp.QuoteMeta(key) + `:.*$`)
		if n := len(line.FindAllString(text, -1)); n != 1 {
			return "", "", fmt.Errorf("key %s: found %d times, want once", key, n)
		}
		return line.ReplaceAllString(text, "$0\n${1}"+key+": "+value), key, nil
	}
}

// diffLines shows the lines of b that a lacks.
func diffLines(a, b string) string {
	var out []string
	for _, line := range strings.Split(b, "\n") {
		if !slices.Contains(strings.Split(a, "\n"), line) {
			out = append(out, "+ "+line)
		}
	}
	return strings.Join(out, "\n")
}

func TestKustomizationListsEveryManifest(t *testing.T) {
	k := readKustomization(t)
	want := slices.DeleteFunc(manifestFiles(t), func(f string) bool { return slices.Contains(exampleOnly, f) })
	if got := slices.Sorted(slices.Values(k.Resources)); !slices.Equal(got, want) {
		t.Errorf("kustomization.yaml's resources are %v, want every manifest but the examples %v: %v", got, exampleOnly, want)
	}
}

// base is the rendered objects of a kustomization, by kind.
type base struct {
	Deployment    *appsv1.Deployment
	Service       *corev1.Service
	Autoscaler    *autoscalingv2.HorizontalPodAutoscaler
	Budget        *policyv1.PodDisruptionBudget
	NetworkPolicy *networkingv1.NetworkPolicy
	Ingress       *networkingv1.Ingress
	All           []metav1.Object
}

// render builds the kustomization in dir with kustomize's krusty, the
// library inside kubectl apply -k, and decodes what it writes as strictly
// as the files.
func render(dir string) (*base, error) {
	resources, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, err
	}
	b := &base{}
	for _, r := range resources.Resources() {
		data, err := r.AsYAML()
		if err != nil {
			return nil, err
		}
		obj, err := decodeManifest(data)
		if err != nil {
			return nil, fmt.Errorf("rendered %s: %w", r.CurId(), err)
		}
		switch o := obj.(type) {
		case *appsv1.Deployment:
			err = setOnce(&b.Deployment, o)
		case *corev1.Service:
			err = setOnce(&b.Service, o)
		case *autoscalingv2.HorizontalPodAutoscaler:
			err = setOnce(&b.Autoscaler, o)
		case *policyv1.PodDisruptionBudget:
			err = setOnce(&b.Budget, o)
		case *networkingv1.NetworkPolicy:
			err = setOnce(&b.NetworkPolicy, o)
		case *networkingv1.Ingress:
			err = setOnce(&b.Ingress, o)
		default:
			err = fmt.Errorf("rendered an unexpected %T", o)
		}
		if err != nil {
			return nil, err
		}
		b.All = append(b.All, obj.(metav1.Object))
	}
	return b, nil
}

// setOnce stores obj in *slot, which must still be empty.
func setOnce[T any](slot **T, obj *T) error {
	if *slot != nil {
		return fmt.Errorf("rendered two %T", obj)
	}
	*slot = obj
	return nil
}

var renderBase = sync.OnceValues(func() (*base, error) { return render(".") })

// renderedBase is this directory rendered, with each of the base's kinds.
func renderedBase(t *testing.T) *base {
	t.Helper()
	b, err := renderBase()
	if err != nil {
		t.Fatalf("kustomize build deploy/kubernetes: %v", err)
	}
	if b.Deployment == nil || b.Service == nil || b.Autoscaler == nil || b.Budget == nil || b.NetworkPolicy == nil {
		t.Fatalf("the base lacks a Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget or NetworkPolicy: %+v", b)
	}
	if b.Ingress != nil {
		t.Fatal("the base renders an Ingress; it is an example for overlays")
	}
	return b
}

// container is the Deployment's one container.
func container(t *testing.T, d *appsv1.Deployment) corev1.Container {
	t.Helper()
	if n := len(d.Spec.Template.Spec.Containers); n != 1 {
		t.Fatalf("the Deployment has %d containers, want the nginx one", n)
	}
	return d.Spec.Template.Spec.Containers[0]
}

// containerPort resolves a port of the container, by name or number, to
// its number; 0 if the container has no such port.
func containerPort(c corev1.Container, port intstr.IntOrString) int32 {
	for _, p := range c.Ports {
		if (port.Type == intstr.String && p.Name == port.StrVal) || (port.Type == intstr.Int && p.ContainerPort == port.IntVal) {
			return p.ContainerPort
		}
	}
	return 0
}

// selects fails the test unless the selector picks the pods with these
// labels; an empty selector, which picks every pod of the namespace, fails
// it too.
func selects(t *testing.T, what string, selector *metav1.LabelSelector, podLabels map[string]string) {
	t.Helper()
	if selector == nil || (len(selector.MatchLabels) == 0 && len(selector.MatchExpressions) == 0) {
		t.Errorf("%s: an empty selector, which picks every pod in the namespace", what)
		return
	}
	s, err := metav1.LabelSelectorAsSelector(selector)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	if !s.Matches(labels.Set(podLabels)) {
		t.Errorf("%s: selector %s does not pick the Deployment's pods %v", what, s, podLabels)
	}
}

// securityContexts are the container's and the pod's, empty if unset.
func securityContexts(c corev1.Container, pod corev1.PodSpec) (*corev1.SecurityContext, *corev1.PodSecurityContext) {
	sc, psc := c.SecurityContext, pod.SecurityContext
	if sc == nil {
		sc = &corev1.SecurityContext{}
	}
	if psc == nil {
		psc = &corev1.PodSecurityContext{}
	}
	return sc, psc
}

// show prints an optional value.
func show[T any](v *T) string {
	if v == nil {
		return "unset"
	}
	return fmt.Sprint(*v)
}

// effective returns the container's setting, or else the pod's.
func effective[T any](container, pod *T) *T {
	if container != nil {
		return container
	}
	return pod
}

func TestDeployment(t *testing.T) {
	b := renderedBase(t)
	d := b.Deployment
	pod := d.Spec.Template.Spec
	c := container(t, d)

	t.Run("replicas", func(t *testing.T) {
		// The autoscaler owns the count (TestAutoscaler checks its
		// minimum); a count here would be reset by every apply.
		if d.Spec.Replicas != nil {
			t.Errorf("replicas: %d; leave it to the HorizontalPodAutoscaler", *d.Spec.Replicas)
		}
		if b.Autoscaler.Spec.MinReplicas == nil || *b.Autoscaler.Spec.MinReplicas < 2 {
			t.Errorf("the autoscaler's minReplicas is %s, want at least 2", show(b.Autoscaler.Spec.MinReplicas))
		}
		selects(t, "the Deployment's selector", d.Spec.Selector, d.Spec.Template.Labels)
	})

	t.Run("security", func(t *testing.T) {
		sc, psc := securityContexts(c, pod)
		if v := effective(sc.RunAsNonRoot, psc.RunAsNonRoot); v == nil || !*v {
			t.Error("runAsNonRoot is not true")
		}
		if v := effective(sc.RunAsUser, psc.RunAsUser); v == nil || *v == 0 {
			t.Error("runAsUser is not a non-zero number: runAsNonRoot cannot check an image's named user")
		}
		if v := effective(sc.SeccompProfile, psc.SeccompProfile); v == nil || v.Type != corev1.SeccompProfileTypeRuntimeDefault {
			t.Errorf("seccompProfile %+v, want RuntimeDefault", v)
		}
		if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			t.Error("readOnlyRootFilesystem is not true")
		}
		if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			t.Error("allowPrivilegeEscalation is not false")
		}
		if sc.Privileged != nil && *sc.Privileged {
			t.Error("privileged")
		}
		if sc.Capabilities == nil || !slices.Equal(sc.Capabilities.Drop, []corev1.Capability{"ALL"}) || len(sc.Capabilities.Add) > 0 {
			t.Errorf("capabilities %+v, want drop [ALL] and no add", sc.Capabilities)
		}
		if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
			t.Error("the pod mounts a service account token it never uses")
		}
		if pod.HostNetwork || pod.HostPID || pod.HostIPC {
			t.Error("the pod shares a host namespace")
		}
	})

	t.Run("emptyDir", func(t *testing.T) {
		// The one writable place on the read-only root, for nginx's pid and
		// temporary files (TestAgreesWithImage checks that it holds every
		// path nginx.conf writes, and pod_test.go that nginx needs it).
		dirs := emptyDirs(t, d)
		if len(dirs) == 0 {
			t.Error("no emptyDir is mounted in the container")
		}
		for dir, limit := range dirs {
			if limit == 0 {
				t.Errorf("the emptyDir at %s has no sizeLimit", dir)
			}
		}
	})

	t.Run("resources", func(t *testing.T) {
		for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
			req, hasReq := c.Resources.Requests[name]
			limit, hasLimit := c.Resources.Limits[name]
			if !hasReq || !hasLimit || req.Sign() <= 0 {
				t.Errorf("%s: request %v, limit %v; want both", name, c.Resources.Requests, c.Resources.Limits)
			} else if req.Cmp(limit) > 0 {
				t.Errorf("%s: request %s above limit %s", name, req.String(), limit.String())
			}
		}
	})

	t.Run("probes", func(t *testing.T) {
		for name, probe := range map[string]*corev1.Probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe} {
			if probe == nil || probe.HTTPGet == nil {
				t.Errorf("no %s probe over HTTP", name)
				continue
			}
			if containerPort(c, probe.HTTPGet.Port) == 0 {
				t.Errorf("the %s probe's port %s is none of the container's", name, probe.HTTPGet.Port.String())
			}
			// The path itself: TestAgreesWithImage.
		}
		if c.StartupProbe != nil {
			t.Error("a startup probe: nginx starts in milliseconds, the liveness probe is enough")
		}
	})

	t.Run("topology spread", func(t *testing.T) {
		var acrossNodes bool
		for _, s := range pod.TopologySpreadConstraints {
			selects(t, "topology spread over "+s.TopologyKey, s.LabelSelector, d.Spec.Template.Labels)
			if s.TopologyKey == corev1.LabelHostname && s.WhenUnsatisfiable == corev1.DoNotSchedule && s.MaxSkew == 1 {
				acrossNodes = true
			}
		}
		if !acrossNodes {
			t.Errorf("no constraint spreads the pods across nodes (%s, DoNotSchedule, maxSkew 1): %+v", corev1.LabelHostname, pod.TopologySpreadConstraints)
		}
	})

	t.Run("rolling update", func(t *testing.T) {
		if d.Spec.Strategy.Type != appsv1.RollingUpdateDeploymentStrategyType || d.Spec.Strategy.RollingUpdate == nil {
			t.Fatalf("strategy %+v, want RollingUpdate", d.Spec.Strategy)
		}
		if u := d.Spec.Strategy.RollingUpdate.MaxUnavailable; u == nil || u.String() != "0" && u.String() != "0%" {
			t.Errorf("maxUnavailable %s: a rollout must not take a serving pod away before its successor is ready", show(u))
		}
		// The preStop sleep holds nginx up while the pod leaves the
		// endpoints; the grace period must outlast it, so that nginx then
		// has time to finish what it serves (pod_test.go checks the stop
		// itself, with the image's STOPSIGNAL, against real nginx).
		hook := c.Lifecycle
		if hook == nil || hook.PreStop == nil || hook.PreStop.Sleep == nil {
			t.Fatalf("preStop %+v, want a sleep", hook)
		}
		if hook.PreStop.Exec != nil || hook.PreStop.HTTPGet != nil || hook.PreStop.TCPSocket != nil {
			t.Errorf("preStop does more than sleep: %+v", hook.PreStop)
		}
		sleep := hook.PreStop.Sleep.Seconds
		if sleep < 5 {
			t.Errorf("preStop sleeps %d s: endpoints take seconds to drop a pod", sleep)
		}
		if grace := pod.TerminationGracePeriodSeconds; grace == nil || *grace < sleep+20 {
			t.Errorf("terminationGracePeriodSeconds %s, want at least the preStop sleep (%d s) and 20 s to finish the downloads in flight", show(grace), sleep)
		}
	})
}

// emptyDirs are the container's writable emptyDir mounts: mount path →
// the volume's sizeLimit in bytes, 0 for none.
func emptyDirs(t *testing.T, d *appsv1.Deployment) map[string]int64 {
	t.Helper()
	dirs := map[string]int64{}
	for _, m := range container(t, d).VolumeMounts {
		for _, v := range d.Spec.Template.Spec.Volumes {
			if v.Name == m.Name && v.EmptyDir != nil && !m.ReadOnly {
				dirs[m.MountPath] = 0
				if v.EmptyDir.SizeLimit != nil {
					dirs[m.MountPath] = v.EmptyDir.SizeLimit.Value()
				}
			}
		}
	}
	return dirs
}

func TestService(t *testing.T) {
	b := renderedBase(t)
	s := b.Service
	selects(t, "the Service", &metav1.LabelSelector{MatchLabels: s.Spec.Selector}, b.Deployment.Spec.Template.Labels)
	c := container(t, b.Deployment)
	if len(s.Spec.Ports) != 1 {
		t.Fatalf("ports %+v, want one", s.Spec.Ports)
	}
	if p := s.Spec.Ports[0]; containerPort(c, p.TargetPort) == 0 || p.Protocol != corev1.ProtocolTCP {
		t.Errorf("port %+v: its target is none of the container's ports %+v", p, c.Ports)
	}
}

func TestAutoscaler(t *testing.T) {
	b := renderedBase(t)
	h, d := b.Autoscaler, b.Deployment
	if ref := h.Spec.ScaleTargetRef; ref.APIVersion != "apps/v1" || ref.Kind != "Deployment" || ref.Name != d.Name {
		t.Errorf("scaleTargetRef %+v, want the Deployment %s", ref, d.Name)
	}
	if h.Spec.MinReplicas == nil || *h.Spec.MinReplicas < 2 || h.Spec.MaxReplicas <= *h.Spec.MinReplicas {
		t.Errorf("replicas from %s to %d, want at least 2, and room to grow", show(h.Spec.MinReplicas), h.Spec.MaxReplicas)
	}
	var cpu bool
	for _, m := range h.Spec.Metrics {
		if m.Type == autoscalingv2.ResourceMetricSourceType && m.Resource != nil && m.Resource.Name == corev1.ResourceCPU &&
			m.Resource.Target.Type == autoscalingv2.UtilizationMetricType && m.Resource.Target.AverageUtilization != nil {
			cpu = true
		}
	}
	if !cpu {
		t.Errorf("metrics %+v, want CPU utilization", h.Spec.Metrics)
	}
	// Utilization is a share of the request: without one, no scaling.
	if _, ok := container(t, d).Resources.Requests[corev1.ResourceCPU]; !ok {
		t.Error("the container requests no CPU, so CPU utilization is undefined")
	}
}

func TestDisruptionBudget(t *testing.T) {
	b := renderedBase(t)
	p := b.Budget
	selects(t, "the PodDisruptionBudget", p.Spec.Selector, b.Deployment.Spec.Template.Labels)
	minReplicas := int(*b.Autoscaler.Spec.MinReplicas)
	// What the budget leaves serving at the autoscaler's minimum.
	var left int
	switch {
	case p.Spec.MaxUnavailable != nil:
		unavailable, err := intstr.GetScaledValueFromIntOrPercent(p.Spec.MaxUnavailable, minReplicas, true)
		if err != nil {
			t.Fatal(err)
		}
		left = minReplicas - unavailable
	case p.Spec.MinAvailable != nil:
		available, err := intstr.GetScaledValueFromIntOrPercent(p.Spec.MinAvailable, minReplicas, true)
		if err != nil {
			t.Fatal(err)
		}
		left = available
	}
	if left < 1 || left >= minReplicas {
		t.Errorf("at %d replicas the budget leaves %d serving: want at least one, and a drain must be able to proceed", minReplicas, left)
	}
}

func TestNetworkPolicy(t *testing.T) {
	b := renderedBase(t)
	n := b.NetworkPolicy
	selects(t, "the NetworkPolicy", &n.Spec.PodSelector, b.Deployment.Spec.Template.Labels)
	if !slices.Contains(n.Spec.PolicyTypes, networkingv1.PolicyTypeIngress) || !slices.Contains(n.Spec.PolicyTypes, networkingv1.PolicyTypeEgress) {
		t.Errorf("policyTypes %v, want Ingress and Egress", n.Spec.PolicyTypes)
	}
	if len(n.Spec.Egress) != 0 {
		t.Errorf("egress %+v: nginx serves files and connects to nothing", n.Spec.Egress)
	}
	c := container(t, b.Deployment)
	if len(n.Spec.Ingress) != 1 || len(n.Spec.Ingress[0].Ports) != 1 {
		t.Fatalf("ingress %+v, want one rule with one port", n.Spec.Ingress)
	}
	rule := n.Spec.Ingress[0]
	port := rule.Ports[0]
	if port.Port == nil || port.Protocol == nil || *port.Protocol != corev1.ProtocolTCP || port.EndPort != nil {
		t.Fatalf("ingress port %+v, want one TCP port", port)
	}
	if containerPort(c, *port.Port) == 0 || len(c.Ports) != 1 {
		t.Errorf("ingress allowed to port %s, want the container's only port %+v", port.Port.String(), c.Ports)
	}
	// From anywhere: the ingress controller or load balancer in front may
	// live in any namespace, or outside the cluster.
	if len(rule.From) != 0 {
		t.Errorf("ingress only from %+v", rule.From)
	}
}

// TestLabels: the labels kustomization.yaml adds are on every object and on
// the pods, and in no selector (selectors cannot change after creation).
func TestLabels(t *testing.T) {
	k := readKustomization(t)
	common := map[string]string{}
	for _, l := range k.Labels {
		if l.IncludeSelectors {
			t.Errorf("labels %v are added to selectors, which cannot change once created", l.Pairs)
		}
		maps.Copy(common, l.Pairs)
	}
	if len(common) == 0 {
		t.Fatal("kustomization.yaml adds no labels")
	}
	b := renderedBase(t)
	carriers := map[string]map[string]string{"the pods": b.Deployment.Spec.Template.Labels}
	for _, obj := range b.All {
		carriers[fmt.Sprintf("%T %s", obj, obj.GetName())] = obj.GetLabels()
	}
	for what, got := range carriers {
		for key, value := range common {
			if got[key] != value {
				t.Errorf("%s: label %s=%q, want %q", what, key, got[key], value)
			}
		}
	}
	for key := range common {
		if _, in := b.Deployment.Spec.Selector.MatchLabels[key]; in {
			t.Errorf("the Deployment's selector holds the common label %s", key)
		}
	}
}

// TestIngressExample renders the example the way the README tells: an
// overlay with the base and ingress.yaml among its resources.
func TestIngressExample(t *testing.T) {
	overlay := t.TempDir()
	data, err := os.ReadFile("ingress.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(overlay, "ingress.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	// kustomize takes a base by relative path only.
	here, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	baseDir, err := filepath.Rel(overlay, here)
	if err != nil {
		t.Fatal(err)
	}
	kustomization := "resources:\n  - " + baseDir + "\n  - ingress.yaml\n"
	if err := os.WriteFile(filepath.Join(overlay, "kustomization.yaml"), []byte(kustomization), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := render(overlay)
	if err != nil {
		t.Fatal(err)
	}
	if b.Ingress == nil {
		t.Fatal("the overlay renders no Ingress")
	}
	ing := b.Ingress
	if ing.Spec.IngressClassName == nil || len(ing.Spec.Rules) == 0 || len(ing.Spec.TLS) == 0 {
		t.Errorf("the example has no class, host or TLS to adapt: %+v", ing.Spec)
	}
	for _, rule := range ing.Spec.Rules {
		if rule.HTTP == nil || len(rule.HTTP.Paths) == 0 {
			t.Errorf("rule %q routes nothing", rule.Host)
			continue
		}
		for _, path := range rule.HTTP.Paths {
			backend := path.Backend.Service
			if backend == nil || backend.Name != b.Service.Name {
				t.Errorf("%s%s goes to %+v, want the Service %s", rule.Host, path.Path, path.Backend, b.Service.Name)
				continue
			}
			if !slices.ContainsFunc(b.Service.Spec.Ports, func(p corev1.ServicePort) bool {
				return (backend.Port.Name != "" && p.Name == backend.Port.Name) || (backend.Port.Number != 0 && p.Port == backend.Port.Number)
			}) {
				t.Errorf("%s%s goes to port %+v, none of the Service's %+v", rule.Host, path.Path, backend.Port, b.Service.Spec.Ports)
			}
		}
	}
	if ing.Spec.Rules[0].HTTP.Paths[0].Path != "/" || *ing.Spec.Rules[0].HTTP.Paths[0].PathType != networkingv1.PathTypePrefix {
		t.Errorf("the example routes %+v, want the whole site (Prefix /): nginx.conf routes within it", ing.Spec.Rules[0].HTTP.Paths[0])
	}
}

// image is what the Dockerfile's final stage says about the container.
type image struct {
	Base       string   // its FROM
	User       string   // its USER
	Port       string   // its EXPOSE
	Cmd        []string // its CMD, exec form
	Health     *url.URL // the URL its HEALTHCHECK probes
	StopSignal string
	Stage      dockerfile.Stage
}

func readImage(t *testing.T) image {
	t.Helper()
	stages, err := dockerfile.ParseFile(filepath.Join(repoRoot, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	final := stages[len(stages)-1]
	only := func(cmd string) dockerfile.Instruction {
		t.Helper()
		found := final.Find(cmd)
		if len(found) != 1 || len(found[0].Args) == 0 {
			t.Fatalf("the Dockerfile's final stage has %d %s instructions, want one", len(found), cmd)
		}
		return found[0]
	}
	img := image{Base: only("FROM").Args[0], User: only("USER").Args[0], Port: only("EXPOSE").Args[0], StopSignal: only("STOPSIGNAL").Args[0], Stage: final}
	if len(final.Find("ENTRYPOINT")) > 0 {
		t.Fatal("the image has an ENTRYPOINT; this test knows its CMD only")
	}
	cmd := only("CMD")
	if !cmd.JSON {
		t.Fatal("CMD is in the shell form: nginx would not be the container's first process, and would not get the stop signal")
	}
	img.Cmd = cmd.Args
	health := regexp.MustCompile(`https?://\S+`).FindString(strings.Join(only("HEALTHCHECK").Args, " "))
	if img.Health, err = url.Parse(health); err != nil || health == "" {
		t.Fatalf("HEALTHCHECK probes no URL: %v", only("HEALTHCHECK").Args)
	}
	return img
}

// server is what nginx.conf says about the server the container runs.
type server struct {
	Port    string   // its listen port
	Root    string   // its root
	Exact   []string // its exact locations (location = /path)
	Writes  []string // the paths nginx writes: pid, temporary files, logs
	PIDFile string
}

func readNginxConf(t *testing.T) server {
	t.Helper()
	conf, err := nginxconf.ParseFile(filepath.Join(repoRoot, "nginx", "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	var s server
	if s.Port, err = nginx.Port(); err != nil {
		t.Fatal(err)
	}
	if root := nginxconf.Find(conf, "http", "server", "root"); len(root) == 1 {
		s.Root = root[0].Args[0]
	}
	for _, loc := range nginxconf.Find(conf, "http", "server", "location") {
		if len(loc.Args) == 2 && loc.Args[0] == "=" {
			s.Exact = append(s.Exact, loc.Args[1])
		}
	}
	pid := nginxconf.Find(conf, "pid")
	if len(pid) != 1 {
		t.Fatalf("nginx.conf: %d pid directives, want one (nginx's built-in default is on the read-only root)", len(pid))
	}
	s.PIDFile = pid[0].Args[0]
	nginxconf.Walk(conf, func(d nginxconf.Directive) {
		switch {
		case d.Name == "pid", strings.HasSuffix(d.Name, "_temp_path"), d.Name == "error_log", d.Name == "access_log":
			s.Writes = append(s.Writes, d.Args[0])
		}
	})
	return s
}

// debianUser looks a user up in Debian's base-passwd master file, which
// fixes the numbers of Debian's system users (www-data is 33) on every
// Debian machine and image alike.
func debianUser(t *testing.T, name string) (uid, gid int64) {
	t.Helper()
	const master = "/usr/share/base-passwd/passwd.master"
	data, err := os.ReadFile(master)
	if err != nil {
		t.Fatalf("Debian's base-passwd (%s): %v", master, err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Split(line, ":")
		if len(fields) >= 4 && fields[0] == name {
			uid, err1 := strconv.ParseInt(fields[2], 10, 64)
			gid, err2 := strconv.ParseInt(fields[3], 10, 64)
			if err := errors.Join(err1, err2); err != nil {
				t.Fatalf("%s: %s: %v", master, line, err)
			}
			return uid, gid
		}
	}
	t.Fatalf("%s has no user %s", master, name)
	return 0, 0
}

// TestAgreesWithImage: the container runs the image as its Dockerfile
// builds it, and nginx.conf serves what the Deployment expects.
func TestAgreesWithImage(t *testing.T) {
	img, srv := readImage(t), readNginxConf(t)
	b := renderedBase(t)
	d := b.Deployment
	c := container(t, d)
	pod := d.Spec.Template.Spec

	// The port: nginx.conf's listen, the Dockerfile's EXPOSE, the container's.
	if img.Port != srv.Port {
		t.Errorf("the Dockerfile exposes %s, nginx.conf listens on %s", img.Port, srv.Port)
	}
	if len(c.Ports) != 1 || strconv.Itoa(int(c.Ports[0].ContainerPort)) != srv.Port {
		t.Errorf("container ports %+v, want nginx.conf's %s", c.Ports, srv.Port)
	}

	// The user: the Dockerfile's USER by name, the pod's by number.
	if !strings.HasPrefix(img.Base, "debian:") {
		t.Fatalf("the image is built FROM %s; this test resolves its USER with Debian's base-passwd", img.Base)
	}
	uid, gid := debianUser(t, img.User)
	sc, psc := securityContexts(c, pod)
	if v := effective(sc.RunAsUser, psc.RunAsUser); v == nil || *v != uid {
		t.Errorf("runAsUser %s, want %d, the uid of the Dockerfile's USER %s", show(v), uid, img.User)
	}
	if v := effective(sc.RunAsGroup, psc.RunAsGroup); v == nil || *v != gid {
		t.Errorf("runAsGroup %s, want %d, the gid of the Dockerfile's USER %s", show(v), gid, img.User)
	}

	// The command: the image's own CMD, which runs nginx in the foreground
	// (TestDockerfile in e2e/serving checks it word for word).
	if len(c.Command) > 0 || len(c.Args) > 0 {
		t.Errorf("the container overrides the image's CMD %q with %q %q", img.Cmd, c.Command, c.Args)
	}
	if img.Cmd[0] != "nginx" || !slices.Contains(img.Cmd, "daemon off;") {
		t.Errorf("CMD %q does not run nginx in the foreground", img.Cmd)
	}

	// The health path: the HEALTHCHECK's, an exact location of nginx.conf,
	// the probes'.
	if img.Health.Port() != srv.Port {
		t.Errorf("HEALTHCHECK probes port %s, nginx.conf listens on %s", img.Health.Port(), srv.Port)
	}
	if !slices.Contains(srv.Exact, img.Health.Path) {
		t.Errorf("HEALTHCHECK probes %s, which is none of nginx.conf's exact locations %v", img.Health.Path, srv.Exact)
	}
	for name, probe := range map[string]*corev1.Probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe} {
		if probe == nil || probe.HTTPGet == nil {
			t.Errorf("no %s probe over HTTP", name)
			continue
		}
		if probe.HTTPGet.Path != img.Health.Path || strconv.Itoa(int(containerPort(c, probe.HTTPGet.Port))) != srv.Port {
			t.Errorf("the %s probe gets %s on port %s, want the HEALTHCHECK's %s on %s", name, probe.HTTPGet.Path, probe.HTTPGet.Port.String(), img.Health.Path, srv.Port)
		}
	}

	// What nginx writes lands in an emptyDir or on the container's output.
	dirs := slices.Sorted(maps.Keys(emptyDirs(t, d)))
	for _, path := range srv.Writes {
		if slices.Contains([]string{"stderr", "/dev/stderr", "/dev/stdout"}, path) {
			continue
		}
		if !slices.ContainsFunc(dirs, func(dir string) bool { return strings.HasPrefix(path, strings.TrimSuffix(dir, "/")+"/") }) {
			t.Errorf("nginx.conf writes %s, outside the emptyDir mounts %v of a read-only root", path, dirs)
		}
	}

	// The stop: the image's STOPSIGNAL is nginx's graceful one, and the
	// preStop hook needs nothing from the image.
	if img.StopSignal != "SIGQUIT" {
		t.Errorf("STOPSIGNAL %s: nginx finishes the requests in flight on SIGQUIT only", img.StopSignal)
	}
}
