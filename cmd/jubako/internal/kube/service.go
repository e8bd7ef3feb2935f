package kube

import (
	"strings"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// annotationPaths lists, on a Service, the public path prefixes of its
// modules, which the front's gateway forwards to it.
const annotationPaths = "jubako.dev/public-paths"

// cpuTarget is the average CPU use, in percent of the request, the
// autoscalers aim at.
const cpuTarget = 70

// service gives service s its stable address (and, where Online Boutique's
// gRPC protocol is served, its gRPC port: Online Boutique's frontend dials
// it in the cluster). Behind the front, a Service
// also lists pods not ready yet: a pod answers only once started, and the
// readiness of each process includes the health of the others, which
// would otherwise wait for each other forever.
func service(p *topology.Plan, s topology.Service) *corev1.Service {
	m := meta(p, name(p, s), s.Name)
	m.Annotations = map[string]string{annotationPaths: strings.Join(s.Paths, ",")}
	ports := []corev1.ServicePort{{Name: portName, Port: port, TargetPort: intstr.FromString(portName)}}
	if s.ServesGRPC() {
		ports = append(ports, corev1.ServicePort{Name: grpcPortName, Port: topology.GRPCPort, TargetPort: intstr.FromString(grpcPortName)})
	}
	return &corev1.Service{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
		ObjectMeta: m,
		Spec: corev1.ServiceSpec{
			Selector:                 selector(p, s.Name),
			Ports:                    ports,
			PublishNotReadyAddresses: s.Name != p.Front().Name,
		},
	}
}

// autoscaler keeps service s between its replicas and max_replicas by CPU.
func autoscaler(p *topology.Plan, s topology.Service) *autoscalingv2.HorizontalPodAutoscaler {
	minReplicas, target := int32(s.Replicas), int32(cpuTarget)
	return &autoscalingv2.HorizontalPodAutoscaler{
		TypeMeta:   metav1.TypeMeta{APIVersion: "autoscaling/v2", Kind: "HorizontalPodAutoscaler"},
		ObjectMeta: meta(p, name(p, s), s.Name),
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{APIVersion: "apps/v1", Kind: "Deployment", Name: name(p, s)},
			MinReplicas:    &minReplicas,
			MaxReplicas:    int32(s.MaxReplicas),
			Metrics: []autoscalingv2.MetricSpec{{
				Type: autoscalingv2.ResourceMetricSourceType,
				Resource: &autoscalingv2.ResourceMetricSource{Name: corev1.ResourceCPU,
					Target: autoscalingv2.MetricTarget{Type: autoscalingv2.UtilizationMetricType, AverageUtilization: &target}},
			}},
		},
	}
}

// disruptionBudget lets voluntary disruptions (a node drained) take one
// pod of service s at a time.
func disruptionBudget(p *topology.Plan, s topology.Service) *policyv1.PodDisruptionBudget {
	one := intstr.FromInt32(1)
	return &policyv1.PodDisruptionBudget{
		TypeMeta:   metav1.TypeMeta{APIVersion: "policy/v1", Kind: "PodDisruptionBudget"},
		ObjectMeta: meta(p, name(p, s), s.Name),
		Spec: policyv1.PodDisruptionBudgetSpec{
			MaxUnavailable: &one,
			Selector:       &metav1.LabelSelector{MatchLabels: selector(p, s.Name)},
		},
	}
}
