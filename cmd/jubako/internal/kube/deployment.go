package kube

import (
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/db"
)

// preStop is how long a stopping pod keeps serving before SIGTERM, while
// endpoints drop it from the Services.
const preStop = 5

// Annotations on each Deployment's pods.
const (
	annotationModules  = "jubako.dev/modules"
	annotationTags     = "jubako.dev/build-tags"
	annotationSettings = "jubako.dev/settings-hash"
)

// deployment runs service s. It leaves replicas to its autoscaler, which
// keeps at least s.Replicas; updates roll one new pod at a time, admitted
// once ready.
func deployment(p *topology.Plan, s topology.Service) *appsv1.Deployment {
	one, zero := intstr.FromInt32(1), intstr.FromInt32(0)
	grace := int64(p.StopTimeout.Seconds()) + preStop + 5
	return &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: meta(p, name(p, s), s.Name),
		Spec: appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: selector(p, s.Name)},
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{MaxUnavailable: &zero, MaxSurge: &one}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels(p, s.Name), Annotations: map[string]string{
					annotationModules:  strings.Join(s.Modules, ","),
					annotationTags:     s.Tags,
					annotationSettings: settingsHash(p),
				}},
				Spec: podSpec(grace, serving(container(p, s, []string{"serve"}, serveEnv(p, s)), s)),
			},
		},
	}
}

// container runs jubako with args, hardened: a non-root user, a read-only
// root filesystem, no privileges.
func container(p *topology.Plan, s topology.Service, args []string, env []corev1.EnvVar) corev1.Container {
	no, yes := false, true
	return corev1.Container{
		Name: "jubako", Image: p.ImageOf(s), Args: args, Env: env,
		EnvFrom: []corev1.EnvFromSource{{ConfigMapRef: &corev1.ConfigMapEnvSource{
			LocalObjectReference: corev1.LocalObjectReference{Name: settingsName(p)}}}},
		VolumeMounts: []corev1.VolumeMount{{Name: "tmp", MountPath: "/tmp"}, {Name: "data", MountPath: "/var/lib/jubako/data"}},
		SecurityContext: &corev1.SecurityContext{
			RunAsNonRoot: &yes, AllowPrivilegeEscalation: &no, ReadOnlyRootFilesystem: &yes,
			Capabilities:   &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}},
			SeccompProfile: &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeRuntimeDefault},
		},
	}
}

// podSpec holds one container with the scratch volumes it writes to.
func podSpec(grace int64, c corev1.Container) corev1.PodSpec {
	empty := corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}
	return corev1.PodSpec{
		TerminationGracePeriodSeconds: &grace,
		Containers:                    []corev1.Container{c},
		Volumes:                       []corev1.Volume{{Name: "tmp", VolumeSource: empty}, {Name: "data", VolumeSource: empty}},
	}
}

// serveEnv is what a serving process reads besides the settings: its port,
// its database, the shared secrets and where the other modules run.
func serveEnv(p *topology.Plan, s topology.Service) []corev1.EnvVar {
	env := append(dbEnv(p, s),
		corev1.EnvVar{Name: topology.EnvAddr, Value: ":" + strconv.Itoa(port)},
		corev1.EnvVar{Name: topology.EnvGRPCAddr, Value: grpcAddr(s)},
		fromSecret(topology.EnvRedisURL, sharedSecret(p), keyRedisURL, false),
		fromSecret(topology.EnvServiceToken, sharedSecret(p), keyServiceToken, false),
		fromSecret(topology.EnvSigningKey, sharedSecret(p), keySigningKey, false),
		fromSecret(config.EnvName("admin.email"), adminSecret(p), keyAdminEmail, true),
		fromSecret(config.EnvName("admin.password"), adminSecret(p), keyAdminPass, true),
	)
	for _, v := range p.Wiring(s, func(o topology.Service) string { return URL(p, o) }) {
		env = append(env, corev1.EnvVar{Name: v.Name, Value: v.Value})
	}
	return env
}

// grpcAddr opens the gRPC port in the service running the protocol's
// adapters, and keeps it closed elsewhere.
func grpcAddr(s topology.Service) string {
	if s.ServesGRPC() {
		return ":" + strconv.Itoa(topology.GRPCPort)
	}
	return ""
}

// dbEnv points a process at service s's database.
func dbEnv(p *topology.Plan, s topology.Service) []corev1.EnvVar {
	return []corev1.EnvVar{
		{Name: topology.EnvDriver, Value: db.Postgres},
		fromSecret(topology.EnvDSN, dbSecret(p, s), keyDSN, false),
	}
}
