package topology

import (
	"fmt"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
)

// longestSuffix is the longest suffix an object of a service gets
// (<topology>-<service>-migrate), which must stay a DNS label.
const longestSuffix = "-migrate"

// place turns the services of f into services of the plan, each module in
// exactly one of them.
func place(f File, modules []string) ([]Service, error) {
	var out []Service
	owner := map[string]string{}
	for i, spec := range f.Services {
		field := fmt.Sprintf("services[%d]", i)
		if err := checkName(field+".name", f.Name, spec.Name, out); err != nil {
			return nil, err
		}
		for j, m := range spec.Modules {
			mf := fmt.Sprintf("%s.modules[%d]", field, j)
			if !slices.Contains(modules, m) {
				return nil, fieldError(mf, "unknown module %q (modules: %s)", m, strings.Join(modules, ", "))
			}
			if o, ok := owner[m]; ok {
				return nil, fieldError(mf, "module %s runs in service %s already", m, o)
			}
			owner[m] = spec.Name
		}
		out = append(out, service(spec))
	}
	for _, m := range modules {
		if _, ok := owner[m]; ok {
			continue
		}
		if f.Others != OthersOwn {
			out[0].Modules = append(out[0].Modules, m)
			continue
		}
		if err := checkName("others", f.Name, m, out); err != nil {
			return nil, fmt.Errorf("%w (the service of module %s)", err, m)
		}
		out = append(out, service(ServiceSpec{Name: m, Modules: []string{m}}))
	}
	return out, nil
}

// service applies the defaults to spec: one replica, autoscaled up to
// twice the replicas.
func service(spec ServiceSpec) Service {
	s := Service{Name: spec.Name, Modules: slices.Clone(spec.Modules), Replicas: 1,
		CPU: or(spec.CPU, DefaultCPU), Memory: or(spec.Memory, DefaultMemory)}
	if spec.Replicas != nil {
		s.Replicas = *spec.Replicas
	}
	s.MaxReplicas = 2 * s.Replicas
	if spec.MaxReplicas != nil {
		s.MaxReplicas = *spec.MaxReplicas
	}
	return s
}

// checkName checks a service's name: a DNS label, short enough for its
// objects' names, unique.
func checkName(field, topology, name string, before []Service) error {
	if len(validation.IsDNS1035Label(name)) > 0 {
		return fieldError(field, "%q must be lowercase letters, digits and '-', starting with a letter", name)
	}
	if full := topology + "-" + name + longestSuffix; len(full) > validation.DNS1035LabelMaxLength {
		return fieldError(field, "%q is too long: %s must fit in %d characters", name, full, validation.DNS1035LabelMaxLength)
	}
	for _, s := range before {
		if s.Name == name {
			return fieldError(field, "%q names two services", name)
		}
	}
	return nil
}
