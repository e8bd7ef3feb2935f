package topology

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jubako/jubako/platform/bus"
)

// Plan is a resolved topology: every module placed in exactly one service.
type Plan struct {
	Name     string
	Image    string
	Tag      string
	Postgres string
	// Services run in the file's order; the first is the front, the one
	// address clients use.
	Services []Service
	// Modules lists every module, sorted.
	Modules []string
	// Settings are configuration keys given to every service.
	Settings map[string]string
	Ingress  *Ingress
	// StopTimeout is how long a service may take to stop after SIGTERM.
	StopTimeout time.Duration
}

// Service is one service of a plan: a build of cmd/jubako running some
// modules, replicated.
type Service struct {
	Name string
	// Modules are the modules it runs, sorted.
	Modules []string
	// Tags are the build tags that link exactly Modules ("" for all).
	Tags        string
	Replicas    int
	MaxReplicas int
	CPU         string
	Memory      string
	// Paths are the public path prefixes of its modules (bus.PathsOf).
	Paths []string
}

// Front is the first service.
func (p *Plan) Front() Service { return p.Services[0] }

// Owner is the service that runs module.
func (p *Plan) Owner(module string) Service {
	for _, s := range p.Services {
		if slices.Contains(s.Modules, module) {
			return s
		}
	}
	panic("topology: module " + module + " is in no service of a resolved plan")
}

// Remote lists the modules s does not run.
func (p *Plan) Remote(s Service) []string {
	var out []string
	for _, m := range p.Modules {
		if !slices.Contains(s.Modules, m) {
			out = append(out, m)
		}
	}
	return out
}

// ImageOf is the image service s runs: <image>-<service>:<tag>.
func (p *Plan) ImageOf(s Service) string { return p.Image + "-" + s.Name + ":" + p.Tag }

// SettingKeys are the keys of Settings, sorted.
func (p *Plan) SettingKeys() []string { return slices.Sorted(maps.Keys(p.Settings)) }

// buildTags are the tags that link exactly run out of all: none for every
// module, only_<m> for one, split_<m> for each module left out otherwise.
func buildTags(run, all []string) string {
	switch {
	case len(run) == len(all):
		return ""
	case len(run) == 1:
		return "only_" + run[0]
	}
	var tags []string
	for _, m := range all {
		if !slices.Contains(run, m) {
			tags = append(tags, "split_"+m)
		}
	}
	return strings.Join(tags, ",")
}

// paths gathers the public path prefixes of modules.
func paths(modules []string) []string {
	var out []string
	for _, m := range modules {
		out = append(out, bus.PathsOf(m)...)
	}
	slices.Sort(out)
	return out
}
