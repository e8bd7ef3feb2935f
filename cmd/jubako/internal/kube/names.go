package kube

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// The port every service listens on, by name and number, and the gRPC
// port's name (topology.GRPCPort) where the protocol's adapters run.
const (
	portName     = "http"
	port         = 8080
	grpcPortName = "grpc"
)

// Secret is a Secret the manifests read and the user creates beforehand.
type Secret struct {
	Name string
	Keys []string
	// Optional secrets may be missing: the process falls back to its default.
	Optional bool
}

// Keys of the shared Secret and of each service's database Secret.
const (
	keyServiceToken = "service-token"
	keySigningKey   = "signing-key"
	keyRedisURL     = "redis-url"
	keyDSN          = "dsn"
	keyAdminEmail   = "email"
	keyAdminPass    = "password"
)

// Secrets lists the Secrets the manifests of p read: one shared by every
// service, one with the DSN of each service's database, and an optional
// one with the first admin's credentials.
func Secrets(p *topology.Plan) []Secret {
	out := []Secret{{Name: sharedSecret(p), Keys: []string{keyServiceToken, keySigningKey, keyRedisURL}}}
	for _, s := range p.Services {
		out = append(out, Secret{Name: dbSecret(p, s), Keys: []string{keyDSN}})
	}
	return append(out, Secret{Name: adminSecret(p), Keys: []string{keyAdminEmail, keyAdminPass}, Optional: true})
}

func sharedSecret(p *topology.Plan) string                    { return p.Name + "-shared" }
func adminSecret(p *topology.Plan) string                     { return p.Name + "-admin" }
func dbSecret(p *topology.Plan, s topology.Service) string    { return name(p, s) + "-db" }
func settingsName(p *topology.Plan) string                    { return p.Name + "-settings" }
func name(p *topology.Plan, s topology.Service) string        { return p.Name + "-" + s.Name }
func migrateName(p *topology.Plan, s topology.Service) string { return name(p, s) + "-migrate" }

// URL is the in-cluster address of service s: its Service's DNS name.
func URL(p *topology.Plan, s topology.Service) string {
	return fmt.Sprintf("http://%s:%d", name(p, s), port)
}

// labels mark every object of the topology; component tells its part.
func labels(p *topology.Plan, component string) map[string]string {
	l := selector(p, component)
	l["app.kubernetes.io/name"] = "jubako"
	l["app.kubernetes.io/managed-by"] = "jubako"
	return l
}

// selector picks the pods of one component of the topology.
func selector(p *topology.Plan, component string) map[string]string {
	return map[string]string{"app.kubernetes.io/instance": p.Name, "app.kubernetes.io/component": component}
}

func meta(p *topology.Plan, name, component string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Name: name, Labels: labels(p, component)}
}

// fromSecret is an environment variable read from a Secret's key.
func fromSecret(env, secret, key string, optional bool) corev1.EnvVar {
	ref := &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: secret}, Key: key}
	if optional {
		ref.Optional = &optional
	}
	return corev1.EnvVar{Name: env, ValueFrom: &corev1.EnvVarSource{SecretKeyRef: ref}}
}
