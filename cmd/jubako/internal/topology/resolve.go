package topology

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
)

// FieldError is a mistake in a topology file, named by its field.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

func fieldError(field, format string, args ...any) error {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// Defaults of a topology file's optional fields.
const (
	DefaultImage  = "jubako"
	DefaultTag    = "latest"
	DefaultCPU    = "100m"
	DefaultMemory = "128Mi"
)

var tagPattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)

// Resolve checks f against the repository's modules and places each module
// in one service: those no service lists go to the front (others: front,
// the default) or to a service each, named after the module (others: own).
func Resolve(f File, modules []string) (*Plan, error) {
	p := &Plan{Name: f.Name, Image: or(f.Image, DefaultImage), Tag: or(f.Tag, DefaultTag),
		Postgres: or(f.Postgres, PostgresShared), Modules: slices.Sorted(slices.Values(modules)),
		Settings: map[string]string{}, Ingress: f.Ingress}
	if err := checkHeader(f, p); err != nil {
		return nil, err
	}
	for k, v := range f.Settings {
		p.Settings[k] = string(v)
	}
	if err := checkSettings(f.Settings); err != nil {
		return nil, err
	}
	stop, err := stopTimeout(p.Settings)
	if err != nil {
		return nil, err
	}
	p.StopTimeout = stop
	if p.Services, err = place(f, p.Modules); err != nil {
		return nil, err
	}
	for i := range p.Services {
		s := &p.Services[i]
		if err := checkService(p.Name, i, *s); err != nil {
			return nil, err
		}
		slices.Sort(s.Modules)
		s.Tags, s.Paths = buildTags(s.Modules, p.Modules), paths(s.Modules)
	}
	return p, nil
}

// checkHeader checks the fields outside services.
func checkHeader(f File, p *Plan) error {
	switch {
	case len(validation.IsDNS1035Label(f.Name)) > 0:
		return fieldError("name", "%q must be lowercase letters, digits and '-', starting with a letter", f.Name)
	case strings.ContainsAny(p.Image, " \t@") || strings.HasSuffix(p.Image, "/"):
		return fieldError("image", "%q is not an image repository (ghcr.io/you/jubako)", p.Image)
	case !tagPattern.MatchString(p.Tag):
		return fieldError("tag", "%q is not an image tag", p.Tag)
	case p.Postgres != PostgresShared && p.Postgres != PostgresPerService:
		return fieldError("postgres", "%q must be %s or %s", p.Postgres, PostgresShared, PostgresPerService)
	case f.Others != "" && f.Others != OthersFront && f.Others != OthersOwn:
		return fieldError("others", "%q must be %s or %s", f.Others, OthersFront, OthersOwn)
	case len(f.Services) == 0:
		return fieldError("services", "is empty: list at least the front")
	case f.Ingress != nil && len(validation.IsDNS1123Subdomain(f.Ingress.Host)) > 0:
		return fieldError("ingress.host", "%q is not a host name", f.Ingress.Host)
	}
	return nil
}

// checkService checks one service once its modules are placed.
func checkService(topology string, i int, s Service) error {
	field := fmt.Sprintf("services[%d]", i)
	switch {
	case len(s.Modules) == 0:
		return fieldError(field+".modules", "service %s runs no module", s.Name)
	case s.Replicas < 1:
		return fieldError(field+".replicas", "%d: must be at least 1", s.Replicas)
	case s.MaxReplicas < s.Replicas:
		return fieldError(field+".max_replicas", "%d: must be at least replicas (%d)", s.MaxReplicas, s.Replicas)
	}
	if _, err := resource.ParseQuantity(s.CPU); err != nil {
		return fieldError(field+".cpu", "%q is not a quantity (100m, 0.5, 2)", s.CPU)
	}
	if _, err := resource.ParseQuantity(s.Memory); err != nil {
		return fieldError(field+".memory", "%q is not a quantity (128Mi, 1Gi)", s.Memory)
	}
	return nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
