package kube

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/cmd/jubako/internal/topology"
	"github.com/jubako/jubako/platform/testkit"
)

// examples resolves every topology under deploy/.
func examples(t *testing.T) map[string]*topology.Plan {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(testkit.RepoRoot(t), "deploy", "*.yaml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("examples under deploy/: %v, %v", files, err)
	}
	out := map[string]*topology.Plan{}
	for _, f := range files {
		p, err := topology.Load(f, linked.Names())
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = p
	}
	return out
}

func render(t *testing.T, p *topology.Plan) manifests {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		t.Fatal(err)
	}
	return decode(t, b.Bytes())
}

// TestEveryModuleRunsInExactlyOneDeployment: across a rendering's
// Deployments each module is local in one and reached by URL in the others.
func TestEveryModuleRunsInExactlyOneDeployment(t *testing.T) {
	for file, p := range examples(t) {
		t.Run(file, func(t *testing.T) {
			m := render(t, p)
			if len(m.deployments) != len(p.Services) {
				t.Fatalf("%d Deployments for %d services", len(m.deployments), len(p.Services))
			}
			runs := map[string][]string{}
			for _, d := range m.deployments {
				local := strings.Split(d.Spec.Template.Annotations[annotationModules], ",")
				env := envOf(d.Spec.Template.Spec.Containers[0])
				for _, mod := range linked.Names() {
					_, remote := env["JUBAKO_MODULES_"+strings.ToUpper(mod)+"_URL"]
					if slices.Contains(local, mod) == remote {
						t.Errorf("%s: module %s local=%v, has a URL=%v", d.Name, mod, !remote, remote)
					}
					if !remote {
						runs[mod] = append(runs[mod], d.Name)
					}
				}
			}
			for _, mod := range linked.Names() {
				if len(runs[mod]) != 1 {
					t.Errorf("module %s runs in %v, want exactly one Deployment", mod, runs[mod])
				}
			}
		})
	}
}

// TestRemoteURLsNameTheServiceOfTheModule: every module URL is the DNS
// name and port of the Service selecting the Deployment that runs it.
func TestRemoteURLsNameTheServiceOfTheModule(t *testing.T) {
	for file, p := range examples(t) {
		t.Run(file, func(t *testing.T) {
			m := render(t, p)
			for _, d := range m.deployments {
				for name, v := range envOf(d.Spec.Template.Spec.Containers[0]) {
					mod, ok := moduleOfURL(name)
					if !ok {
						continue
					}
					svc := m.services[strings.TrimSuffix(strings.TrimPrefix(v.Value, "http://"), ":8080")]
					if svc == nil || svc.Spec.Ports[0].Port != 8080 {
						t.Errorf("%s: %s=%s names no Service on port 8080", d.Name, name, v.Value)
						continue
					}
					target := deploymentSelectedBy(m, svc)
					if target == "" || !slices.Contains(strings.Split(m.deployments[target].Spec.Template.Annotations[annotationModules], ","), mod) {
						t.Errorf("%s: %s=%s reaches %q, which does not run %s", d.Name, name, v.Value, target, mod)
					}
				}
			}
		})
	}
}

// TestEverySecretIsListed: each secretKeyRef names a listed Secret and
// key, and each required Secret is read.
func TestEverySecretIsListed(t *testing.T) {
	for file, p := range examples(t) {
		t.Run(file, func(t *testing.T) {
			m := render(t, p)
			listed, read := map[string]Secret{}, map[string]bool{}
			for _, s := range Secrets(p) {
				listed[s.Name] = s
			}
			var containers []corev1.Container
			for _, d := range m.deployments {
				containers = append(containers, d.Spec.Template.Spec.Containers...)
			}
			for _, j := range m.jobs {
				containers = append(containers, j.Spec.Template.Spec.Containers...)
			}
			for _, c := range containers {
				for _, e := range c.Env {
					if e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
						continue
					}
					ref := e.ValueFrom.SecretKeyRef
					s, ok := listed[ref.Name]
					if !ok || !slices.Contains(s.Keys, ref.Key) || (ref.Optional != nil && *ref.Optional) != s.Optional {
						t.Errorf("%s reads %s/%s, not as listed (%+v)", e.Name, ref.Name, ref.Key, s)
					}
					read[ref.Name+"/"+ref.Key] = true
				}
			}
			for _, s := range Secrets(p) {
				for _, k := range s.Keys {
					if !read[s.Name+"/"+k] {
						t.Errorf("Secret %s key %s is listed but never read", s.Name, k)
					}
				}
			}
		})
	}
}

// envOf indexes a container's environment by name.
func envOf(c corev1.Container) map[string]corev1.EnvVar {
	out := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		out[e.Name] = e
	}
	return out
}

// moduleOfURL reads JUBAKO_MODULES_<M>_URL.
func moduleOfURL(env string) (string, bool) {
	mod, ok := strings.CutPrefix(env, "JUBAKO_MODULES_")
	if !ok {
		return "", false
	}
	mod, ok = strings.CutSuffix(mod, "_URL")
	return strings.ToLower(mod), ok
}

// deploymentSelectedBy names the one Deployment whose pods svc selects.
func deploymentSelectedBy(m manifests, svc *corev1.Service) string {
	found := ""
	for name, d := range m.deployments {
		labels := d.Spec.Template.Labels
		matches := true
		for k, v := range svc.Spec.Selector {
			matches = matches && labels[k] == v
		}
		if matches {
			if found != "" {
				return ""
			}
			found = name
		}
	}
	return found
}
