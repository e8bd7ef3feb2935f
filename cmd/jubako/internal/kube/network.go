package kube

import (
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// networkPolicy says who may open connections to service s's pods: anyone
// for the front (the ingress controller brings the clients), only the
// topology's own pods for the other services, which serve the front's
// forwarded routes and /internal calls. It works at the port, not the
// path: /internal on the front is guarded by the service token alone. The
// gRPC port, where it is open, takes clients from anywhere, as the front
// does: Online Boutique's frontend is such a client.
func networkPolicy(p *topology.Plan, s topology.Service) *networkingv1.NetworkPolicy {
	httpPort := intstr.FromString(portName)
	rule := networkingv1.NetworkPolicyIngressRule{Ports: []networkingv1.NetworkPolicyPort{{Port: &httpPort}}}
	if s.Name != p.Front().Name {
		rule.From = []networkingv1.NetworkPolicyPeer{{PodSelector: &metav1.LabelSelector{
			MatchLabels: map[string]string{"app.kubernetes.io/instance": p.Name, "app.kubernetes.io/name": "jubako"}}}}
	}
	rules := []networkingv1.NetworkPolicyIngressRule{rule}
	if s.ServesGRPC() {
		grpcPort := intstr.FromString(grpcPortName)
		rules = append(rules, networkingv1.NetworkPolicyIngressRule{Ports: []networkingv1.NetworkPolicyPort{{Port: &grpcPort}}})
	}
	return &networkingv1.NetworkPolicy{
		TypeMeta:   metav1.TypeMeta{APIVersion: "networking.k8s.io/v1", Kind: "NetworkPolicy"},
		ObjectMeta: meta(p, name(p, s), s.Name),
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: selector(p, s.Name)},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
			Ingress:     rules,
		},
	}
}

// ingress routes the file's host to the front, whose gateway forwards each
// remote module's public routes to its service.
func ingress(p *topology.Plan) *networkingv1.Ingress {
	in, front := p.Ingress, p.Front()
	prefix := networkingv1.PathTypePrefix
	spec := networkingv1.IngressSpec{Rules: []networkingv1.IngressRule{{
		Host: in.Host,
		IngressRuleValue: networkingv1.IngressRuleValue{HTTP: &networkingv1.HTTPIngressRuleValue{
			Paths: []networkingv1.HTTPIngressPath{{Path: "/", PathType: &prefix, Backend: networkingv1.IngressBackend{
				Service: &networkingv1.IngressServiceBackend{Name: name(p, front), Port: networkingv1.ServiceBackendPort{Name: portName}},
			}}},
		}},
	}}}
	if in.Class != "" {
		spec.IngressClassName = &in.Class
	}
	if in.TLSSecret != "" {
		spec.TLS = []networkingv1.IngressTLS{{Hosts: []string{in.Host}, SecretName: in.TLSSecret}}
	}
	return &networkingv1.Ingress{
		TypeMeta:   metav1.TypeMeta{APIVersion: "networking.k8s.io/v1", Kind: "Ingress"},
		ObjectMeta: meta(p, p.Name, front.Name),
		Spec:       spec,
	}
}
