package kube

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// serving completes a serving container: its ports, probes, resources and
// the pause before SIGTERM.
func serving(c corev1.Container, s topology.Service) corev1.Container {
	c.Ports = []corev1.ContainerPort{{Name: portName, ContainerPort: port, Protocol: corev1.ProtocolTCP}}
	if s.ServesGRPC() {
		c.Ports = append(c.Ports, corev1.ContainerPort{Name: grpcPortName, ContainerPort: topology.GRPCPort, Protocol: corev1.ProtocolTCP})
	}
	// Migrations run before the port opens: the startup probe gives them
	// two and a half minutes before liveness applies.
	c.StartupProbe = probe("/healthz", 5, 30)
	c.LivenessProbe = probe("/healthz", 10, 3)
	// /readyz fails until the database, Redis and remote modules answer.
	c.ReadinessProbe = probe("/readyz", 5, 2)
	c.Resources = requests(s)
	c.Lifecycle = &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{Sleep: &corev1.SleepAction{Seconds: preStop}}}
	return c
}

func probe(path string, period, failures int32) *corev1.Probe {
	return &corev1.Probe{
		ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{
			Path: path, Port: intstr.FromString(portName)}},
		PeriodSeconds: period, FailureThreshold: failures, TimeoutSeconds: 2,
	}
}

// requests reserves service s's CPU and memory (checked by topology.Resolve).
func requests(s topology.Service) corev1.ResourceRequirements {
	return corev1.ResourceRequirements{Requests: corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse(s.CPU),
		corev1.ResourceMemory: resource.MustParse(s.Memory),
	}}
}
