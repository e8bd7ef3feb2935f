package kube

import (
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

// TestEachServiceIsDeployedWhole checks, per service of each example, the
// objects beside its Deployment and what the Deployment promises: probes,
// a grace period covering the drain, rolling updates, requests.
func TestEachServiceIsDeployedWhole(t *testing.T) {
	for file, p := range examples(t) {
		t.Run(file, func(t *testing.T) {
			m := render(t, p)
			for _, s := range p.Services {
				n := name(p, s)
				d := m.deployments[n]
				if d == nil || m.services[n] == nil || m.hpas[n] == nil || m.pdbs[n] == nil || m.policies[n] == nil || m.jobs[n+"-migrate"] == nil {
					t.Fatalf("service %s lacks one of its Deployment, Service, HPA, PDB, NetworkPolicy, migration Job", s.Name)
				}
				c := d.Spec.Template.Spec.Containers[0]
				if c.ReadinessProbe.HTTPGet.Path != "/readyz" || c.LivenessProbe.HTTPGet.Path != "/healthz" {
					t.Errorf("%s: readiness %s, liveness %s", n, c.ReadinessProbe.HTTPGet.Path, c.LivenessProbe.HTTPGet.Path)
				}
				if grace := *d.Spec.Template.Spec.TerminationGracePeriodSeconds; grace < int64(p.StopTimeout.Seconds())+preStop {
					t.Errorf("%s: grace %ds, shorter than the pause and the drain (%s)", n, grace, p.StopTimeout)
				}
				if ru := d.Spec.Strategy.RollingUpdate; ru == nil || ru.MaxUnavailable.IntValue() != 0 {
					t.Errorf("%s: a rolling update may take pods down first: %+v", n, ru)
				}
				if c.Resources.Requests.Cpu().String() != s.CPU || c.Resources.Requests.Memory().String() != s.Memory {
					t.Errorf("%s: requests %v, want cpu %s memory %s", n, c.Resources.Requests, s.CPU, s.Memory)
				}
				if c.Image != p.ImageOf(s) || d.Spec.Template.Annotations[annotationTags] != s.Tags {
					t.Errorf("%s: image %s tags %q, want %s %q", n, c.Image, d.Spec.Template.Annotations[annotationTags], p.ImageOf(s), s.Tags)
				}
				if h := m.hpas[n]; *h.Spec.MinReplicas != int32(s.Replicas) || h.Spec.MaxReplicas != int32(s.MaxReplicas) || h.Spec.ScaleTargetRef.Name != n {
					t.Errorf("%s: autoscaler %+v, want %d–%d replicas of %s", n, h.Spec, s.Replicas, s.MaxReplicas, n)
				}
				if job := m.jobs[n+"-migrate"].Spec.Template.Spec.Containers[0]; job.Args[0] != "migrate" || job.Image != c.Image ||
					!reflect.DeepEqual(envOf(job)["JUBAKO_DATABASE_DSN"], envOf(c)["JUBAKO_DATABASE_DSN"]) {
					t.Errorf("%s: the migration Job does not migrate the service's database", n)
				}
				checkPolicy(t, m.policies[n], s.Name == p.Front().Name, p.Name)
				checkGRPC(t, m.services[n], c, s.ServesGRPC())
			}
		})
	}
}

// checkPolicy: the front takes connections from anyone, the other services
// from the topology's pods only, on the HTTP port; the gRPC port, where it
// is open, from anyone.
func checkPolicy(t *testing.T, np *networkingv1.NetworkPolicy, front bool, topology string) {
	t.Helper()
	rules := np.Spec.Ingress
	if len(rules) == 0 || len(rules[0].Ports) != 1 || rules[0].Ports[0].Port.String() != portName {
		t.Fatalf("%s: rules %+v, want the first on port %s", np.Name, rules, portName)
	}
	for _, r := range rules[1:] {
		if len(r.Ports) != 1 || r.Ports[0].Port.String() != grpcPortName || len(r.From) != 0 {
			t.Errorf("%s: rule %+v, want the gRPC port open to anyone", np.Name, r)
		}
	}
	from := rules[0].From
	switch {
	case front && len(from) != 0:
		t.Errorf("%s: the front admits only %+v", np.Name, from)
	case !front && (len(from) != 1 || from[0].PodSelector.MatchLabels["app.kubernetes.io/instance"] != topology):
		t.Errorf("%s: admits %+v, want the pods of %s only", np.Name, from, topology)
	}
}

// checkGRPC: the service running the protocol's adapters opens the gRPC
// port in its container and its Service, and no other service does.
func checkGRPC(t *testing.T, svc *corev1.Service, c corev1.Container, serves bool) {
	t.Helper()
	addr := envOf(c)["JUBAKO_GRPC_ADDR"]
	opened := len(c.Ports) == 2 && c.Ports[1].ContainerPort == 50051 && len(svc.Spec.Ports) == 2 && svc.Spec.Ports[1].Port == 50051
	switch {
	case serves && (!opened || addr.Value != ":50051"):
		t.Errorf("%s: gRPC not served (ports %+v, %+v, env %+v)", svc.Name, c.Ports, svc.Spec.Ports, addr)
	case !serves && (len(c.Ports) != 1 || len(svc.Spec.Ports) != 1 || addr.Value != ""):
		t.Errorf("%s: opens gRPC though it does not run its adapters (%+v, %+v)", svc.Name, c.Ports, addr)
	}
}

// TestSettingsAndIngress: the ConfigMap carries the file's settings, which
// every container reads, and the Ingress sends the host to the front.
func TestSettingsAndIngress(t *testing.T) {
	p := examples(t)["monolith.yaml"]
	m := render(t, p)
	cm := m.configMaps[settingsName(p)]
	if cm == nil || cm.Data["JUBAKO_LOG_FORMAT"] != "json" {
		t.Fatalf("ConfigMap %s: %+v", settingsName(p), cm)
	}
	for _, d := range m.deployments {
		if from := d.Spec.Template.Spec.Containers[0].EnvFrom; len(from) != 1 || from[0].ConfigMapRef.Name != cm.Name {
			t.Errorf("%s reads %+v, not the settings", d.Name, from)
		}
	}
	in := m.ingresses[p.Name]
	if in == nil {
		t.Fatal("no Ingress")
	}
	backend := in.Spec.Rules[0].HTTP.Paths[0].Backend.Service
	if in.Spec.Rules[0].Host != p.Ingress.Host || backend.Name != name(p, p.Front()) || *in.Spec.IngressClassName != p.Ingress.Class {
		t.Errorf("Ingress %+v does not send %s to the front", in.Spec, p.Ingress.Host)
	}
}
