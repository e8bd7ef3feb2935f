package kube

import (
	"crypto/sha256"
	"encoding/hex"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// migration applies the migrations of service s's modules to its database
// (`jubako migrate`, same image). Serving pods apply them too at start —
// on PostgreSQL an advisory lock lets them — and stay unready until they
// are; the Job lets a deploy apply them first.
func migration(p *topology.Plan, s topology.Service) *batchv1.Job {
	retries := int32(3)
	c := container(p, s, []string{"migrate"}, dbEnv(p, s))
	c.Resources = requests(s)
	spec := podSpec(30, c)
	spec.RestartPolicy = corev1.RestartPolicyNever
	return &batchv1.Job{
		TypeMeta:   metav1.TypeMeta{APIVersion: "batch/v1", Kind: "Job"},
		ObjectMeta: meta(p, migrateName(p, s), s.Name+"-migrate"),
		Spec: batchv1.JobSpec{
			BackoffLimit: &retries,
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels(p, s.Name+"-migrate")},
				Spec:       spec,
			},
		},
	}
}

// configMap holds the file's settings as environment variables, which
// every container reads.
func configMap(p *topology.Plan) *corev1.ConfigMap {
	data := map[string]string{}
	for _, v := range p.SettingVars() {
		data[v.Name] = v.Value
	}
	return &corev1.ConfigMap{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
		ObjectMeta: meta(p, settingsName(p), "settings"),
		Data:       data,
	}
}

// settingsHash changes with the settings, so that pods restart to read them.
func settingsHash(p *topology.Plan) string {
	h := sha256.New()
	for _, v := range p.SettingVars() {
		h.Write([]byte(v.Name + "=" + v.Value + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
