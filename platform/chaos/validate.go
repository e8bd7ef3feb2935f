package chaos

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// MaxTTL bounds a fault's life: a forgotten fault ends within a day.
const MaxTTL = 24 * time.Hour

// codes are the error codes an error fault may carry.
var codes = shared.Code("").Enum()

// validate checks f, naming the field at fault, and fills its defaults:
// cohort all, code unavailable for an error fault.
func validate(f *Fault, known func(string) bool) error {
	if err := validateTarget(f.Target, known); err != nil {
		return err
	}
	if err := CheckKind(f); err != nil {
		return err
	}
	if f.Percent < 0 || f.Percent > 100 {
		return shared.Invalid("percent", "must be between 0 and 100, got %v", f.Percent)
	}
	switch f.Cohort {
	case "":
		f.Cohort = CohortAll
	case CohortAll, CohortExperiment:
	default:
		return shared.Invalid("cohort", "must be %q or %q, got %q", CohortAll, CohortExperiment, f.Cohort)
	}
	if f.TTL <= 0 || f.TTL > MaxTTL {
		return shared.Invalid("ttl", "is required: a duration above 0 and at most %s (such as \"5m\")", MaxTTL)
	}
	return nil
}

// CheckKind checks f's kind and the fields that go with it (latency and
// jitter, code), naming the field at fault, and fills an error fault's
// code (unavailable) when it has none.
func CheckKind(f *Fault) error {
	if f.Latency < 0 {
		return shared.Invalid("latency", "must not be negative")
	}
	if f.Jitter < 0 {
		return shared.Invalid("jitter", "must not be negative")
	}
	switch f.Kind {
	case KindLatency:
		if f.Latency == 0 {
			return shared.Invalid("latency", "is required for a latency fault (such as \"300ms\")")
		}
	case KindError:
		if f.Code == "" {
			f.Code = string(shared.CodeUnavailable)
		}
		if !slices.Contains(codes, any(shared.Code(f.Code))) {
			return shared.Invalid("code", "must be one of %v, got %q", codes, f.Code)
		}
	case KindAbort:
	default:
		return shared.Invalid("kind", "must be %q, %q or %q, got %q", KindLatency, KindError, KindAbort, f.Kind)
	}
	switch {
	case f.Kind != KindLatency && f.Latency != 0:
		return shared.Invalid("latency", "applies to latency faults only")
	case f.Kind != KindLatency && f.Jitter != 0:
		return shared.Invalid("jitter", "applies to latency faults only")
	case f.Kind != KindError && f.Code != "":
		return shared.Invalid("code", "applies to error faults only")
	}
	return nil
}

// validateTarget accepts an endpoint, a topic or a module the process
// knows, or an HTTP route ("GET /api/catalog/products/:id").
func validateTarget(target string, known func(string) bool) error {
	switch {
	case target == "":
		return shared.Invalid("target", "is required: an endpoint, a topic, a module or \"METHOD /path\"")
	case strings.Contains(target, " "):
		_, err := parseRoute(target)
		return err
	case !known(target):
		return shared.Invalid("target", "%q is no endpoint, topic or module known here, nor a route (\"GET /api/…\")", target)
	}
	return nil
}

// knownTo tells the endpoints, topics and modules declared to b: those its
// process runs and those it reaches in other processes.
func knownTo(b *bus.Bus) func(string) bool {
	return func(target string) bool {
		if _, ok := bus.LookupEndpoint(target); ok {
			return true
		}
		if _, ok := bus.LookupTopic(target); ok {
			return true
		}
		r := b.Registry()
		for _, e := range r.Endpoints {
			if e.Module == target {
				return true
			}
		}
		return slices.Contains(r.Modules, target)
	}
}

func describe(f *Fault) string { return fmt.Sprintf("%s fault %s on %s", f.Kind, f.ID, f.Target) }
