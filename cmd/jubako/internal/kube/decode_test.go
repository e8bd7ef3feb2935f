package kube

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

// manifests are rendered documents decoded into their k8s.io/api types,
// each kind by name.
type manifests struct {
	configMaps  map[string]*corev1.ConfigMap
	deployments map[string]*appsv1.Deployment
	services    map[string]*corev1.Service
	hpas        map[string]*autoscalingv2.HorizontalPodAutoscaler
	pdbs        map[string]*policyv1.PodDisruptionBudget
	policies    map[string]*networkingv1.NetworkPolicy
	jobs        map[string]*batchv1.Job
	ingresses   map[string]*networkingv1.Ingress
}

var separator = regexp.MustCompile(`(?m)^---\n`)

// decode splits a rendering into documents and decodes each strictly: a
// field its type does not have fails the test.
func decode(t *testing.T, rendered []byte) manifests {
	t.Helper()
	m := newManifests()
	docs := separator.Split(string(rendered), -1)
	if !strings.HasPrefix(docs[0], "#") || strings.TrimSpace(stripComments(docs[0])) != "" {
		t.Fatalf("the rendering starts with more than comments: %q", docs[0])
	}
	for _, doc := range docs[1:] {
		if err := m.add([]byte(doc)); err != nil {
			t.Fatalf("%v in:\n%s", err, doc)
		}
	}
	return m
}

// add decodes one document by its kind.
func (m manifests) add(doc []byte) error {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &tm); err != nil {
		return err
	}
	switch tm.APIVersion + " " + tm.Kind {
	case "v1 ConfigMap":
		return into(doc, m.configMaps)
	case "apps/v1 Deployment":
		return into(doc, m.deployments)
	case "v1 Service":
		return into(doc, m.services)
	case "autoscaling/v2 HorizontalPodAutoscaler":
		return into(doc, m.hpas)
	case "policy/v1 PodDisruptionBudget":
		return into(doc, m.pdbs)
	case "networking.k8s.io/v1 NetworkPolicy":
		return into(doc, m.policies)
	case "batch/v1 Job":
		return into(doc, m.jobs)
	case "networking.k8s.io/v1 Ingress":
		return into(doc, m.ingresses)
	}
	return fmt.Errorf("unexpected kind %s %s", tm.APIVersion, tm.Kind)
}

// object is a decoded manifest, found by its name.
type object interface{ GetName() string }

// into decodes doc strictly into a new T and files it by name.
func into[T any, P interface {
	*T
	object
}](doc []byte, by map[string]P) error {
	v := P(new(T))
	if err := yaml.UnmarshalStrict(doc, v); err != nil {
		return err
	}
	if _, dup := by[v.GetName()]; dup {
		return fmt.Errorf("two objects of one kind named %s", v.GetName())
	}
	by[v.GetName()] = v
	return nil
}

func stripComments(s string) string {
	var b bytes.Buffer
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// TestStrictDecodingRefusesUnknownFields shows the decoding the render
// tests rely on failing on a field its type lacks.
func TestStrictDecodingRefusesUnknownFields(t *testing.T) {
	cases := []struct {
		name, doc string
		ok        bool
	}{
		{name: "known fields", ok: true, doc: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: 2\n"},
		{name: "unknown field", doc: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicaz: 2\n"},
		{name: "unknown kind", doc: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newManifests()
			if err := m.add([]byte(tc.doc)); (err == nil) != tc.ok {
				t.Errorf("add: %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func newManifests() manifests {
	return manifests{map[string]*corev1.ConfigMap{}, map[string]*appsv1.Deployment{}, map[string]*corev1.Service{},
		map[string]*autoscalingv2.HorizontalPodAutoscaler{}, map[string]*policyv1.PodDisruptionBudget{},
		map[string]*networkingv1.NetworkPolicy{}, map[string]*batchv1.Job{}, map[string]*networkingv1.Ingress{}}
}
