package topology

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jubako/jubako/platform/host"
)

// Setting is the value of one configuration key, as the file spells it.
type Setting string

// UnmarshalYAML keeps a scalar's text as written (20s, 1048576, true).
func (s *Setting) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a setting must be a single value", n.Line)
	}
	*s = Setting(n.Value)
	return nil
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+$`)

// wired are the keys the topology sets itself, per service or from secrets.
var wired = map[string]string{
	"http.addr":         "is the service's own port",
	"grpc.addr":         "is opened by the service running " + GRPCModule + " only",
	"database.driver":   "follows the topology's database",
	"database.dsn":      "is each service's own (a secret)",
	"redis.url":         "is shared by the topology (a secret)",
	"service.token":     "is a secret",
	"auth.signing_key":  "is a secret",
	"telemetry.service": "is each service's name",
}

// checkSettings rejects keys that are not configuration keys or that the
// topology wires itself.
func checkSettings(settings map[string]Setting) error {
	for _, k := range slices.Sorted(maps.Keys(settings)) {
		field := "settings." + k
		switch {
		case !keyPattern.MatchString(k):
			return fieldError(field, "is not a configuration key (section.key, as in http.shutdown_timeout)")
		case wired[k] != "":
			return fieldError(field, "%s: the topology sets it", wired[k])
		case strings.HasPrefix(k, "modules."):
			return fieldError(field, "the topology wires where modules run")
		}
	}
	return nil
}

// stopTimeout is how long a service may take to stop after SIGTERM: it
// drains HTTP (http.shutdown_timeout), then running handlers
// (outbox.drain_timeout), the defaults unless settings change them.
func stopTimeout(settings map[string]string) (time.Duration, error) {
	d := host.Defaults()
	total := time.Duration(0)
	for key, def := range map[string]time.Duration{
		"http.shutdown_timeout": d.HTTP.ShutdownTimeout,
		"outbox.drain_timeout":  d.Outbox.DrainTimeout,
	} {
		v, ok := settings[key]
		if !ok {
			total += def
			continue
		}
		parsed, err := time.ParseDuration(v)
		if err != nil || parsed < 0 {
			return 0, fieldError("settings."+key, "%q is not a duration (use 500ms, 30s, 5m…)", v)
		}
		total += parsed
	}
	return total, nil
}
