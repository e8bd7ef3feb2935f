// Package kube renders a topology plan as Kubernetes manifests, built from
// the k8s.io/api types and written with sigs.k8s.io/yaml: per service a
// Deployment, a Service, a HorizontalPodAutoscaler, a PodDisruptionBudget,
// a NetworkPolicy and a migration Job; one ConfigMap of settings; an
// Ingress when the file asks for one. Secrets are referenced, never
// rendered: Secrets lists what must exist.
package kube

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// Objects are the manifests of p, in the order to apply them.
func Objects(p *topology.Plan) []any {
	objs := []any{configMap(p)}
	for _, s := range p.Services {
		objs = append(objs, migration(p, s), deployment(p, s), service(p, s),
			autoscaler(p, s), disruptionBudget(p, s), networkPolicy(p, s))
	}
	if p.Ingress != nil {
		objs = append(objs, ingress(p))
	}
	return objs
}

// Render writes the manifests of p as YAML documents, after comments
// naming the images to build and the Secrets to create.
func Render(w io.Writer, p *topology.Plan) error {
	var b strings.Builder
	header(&b, p)
	for _, o := range Objects(p) {
		data, err := document(o)
		if err != nil {
			return fmt.Errorf("render %T: %w", o, err)
		}
		b.WriteString("---\n")
		b.Write(data)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// document is o in YAML without its status, which only the cluster writes.
func document(o any) ([]byte, error) {
	raw, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	delete(fields, "status")
	return yaml.Marshal(fields)
}

// header says what the manifests expect to exist.
func header(b *strings.Builder, p *topology.Plan) {
	fmt.Fprintf(b, "# Topology %s, rendered by `jubako deploy render`: render again rather than edit.\n", p.Name)
	b.WriteString("# Images, built from a checkout:\n")
	for _, s := range p.Services {
		fmt.Fprintf(b, "#   docker build --build-arg TAGS=%s -t %s .\n", s.Tags, p.ImageOf(s))
	}
	b.WriteString("# Secrets to create first (kubectl create secret generic NAME --from-literal=KEY=…):\n")
	for _, s := range Secrets(p) {
		optional := ""
		if s.Optional {
			optional = " (optional)"
		}
		fmt.Fprintf(b, "#   %s%s: %s\n", s.Name, optional, strings.Join(s.Keys, ", "))
	}
}
