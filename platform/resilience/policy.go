package resilience

import (
	"strings"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Policy is what guards one endpoint, or one caller's calls to it.
type Policy struct {
	// Timeout bounds each try (0: only the caller's deadline).
	Timeout time.Duration `config:"timeout" json:"timeout"`
	// Retries is how many more tries a failed call of an idempotent
	// endpoint gets; other endpoints are never retried.
	Retries int `config:"retries" json:"retries"`
	// Backoff is the delay before the first retry, doubled after each one
	// up to BackoffMax, with ±25 % jitter.
	Backoff    time.Duration `config:"backoff" json:"backoff"`
	BackoffMax time.Duration `config:"backoff_max" json:"backoff_max"`
	// Bulkhead is how many calls may run at once (0: no bound); a call over
	// it fails at once, unavailable.
	Bulkhead int `config:"bulkhead" json:"bulkhead"`
	// Failures in a row open the breaker (0 with FailureRate 0: no breaker).
	Failures int `config:"failures" json:"failures"`
	// FailureRate (0–1), when set, opens the breaker instead once this
	// share of at least MinCalls calls within Period failed.
	FailureRate float64       `config:"failure_rate" json:"failure_rate"`
	MinCalls    int           `config:"min_calls" json:"min_calls"`
	Period      time.Duration `config:"period" json:"period"`
	// OpenFor is how long an open breaker refuses calls before it lets
	// Probes calls through (half-open); they all succeed and it closes.
	OpenFor time.Duration `config:"open_for" json:"open_for"`
	Probes  int           `config:"probes" json:"probes"`
}

// breaking reports whether the policy has a breaker.
func (p Policy) breaking() bool { return p.Failures > 0 || p.FailureRate > 0 }

// Validate checks a policy's values.
func (p Policy) Validate() error {
	switch {
	case p.Timeout < 0:
		return config.Invalid("timeout", p.Timeout, "must not be negative")
	case p.Retries < 0 || p.Retries > 10:
		return config.Invalid("retries", p.Retries, "must be 0 to 10")
	case p.Retries > 0 && (p.Backoff <= 0 || p.BackoffMax < p.Backoff):
		return config.Invalid("backoff", p.Backoff, "must be positive and at most backoff_max (%s)", p.BackoffMax)
	case p.Bulkhead < 0:
		return config.Invalid("bulkhead", p.Bulkhead, "must be 0 (no bound) or more")
	case p.Failures < 0:
		return config.Invalid("failures", p.Failures, "must be 0 (no breaker, unless failure_rate) or more")
	case p.FailureRate < 0 || p.FailureRate > 1:
		return config.Invalid("failure_rate", p.FailureRate, "must be between 0 and 1")
	case p.FailureRate > 0 && (p.MinCalls < 1 || p.Period <= 0):
		return config.Invalid("min_calls", p.MinCalls, "a failure_rate needs min_calls ≥ 1 and a period")
	case p.breaking() && p.OpenFor <= 0:
		return config.Invalid("open_for", p.OpenFor, "must be positive")
	case p.breaking() && p.Probes < 1:
		return config.Invalid("probes", p.Probes, "must be at least 1")
	}
	return nil
}

// Override changes some settings of the default policy for an endpoint,
// or for one caller's calls to it (an edge); the settings it leaves out
// are inherited (edge ← endpoint ← default).
type Override struct {
	// Caller is the calling module, or "gateway" for the edge's own calls;
	// only edges have one.
	Caller      string         `config:"caller"`
	Endpoint    string         `config:"endpoint"`
	Timeout     *time.Duration `config:"timeout"`
	Retries     *int           `config:"retries"`
	Backoff     *time.Duration `config:"backoff"`
	BackoffMax  *time.Duration `config:"backoff_max"`
	Bulkhead    *int           `config:"bulkhead"`
	Failures    *int           `config:"failures"`
	FailureRate *float64       `config:"failure_rate"`
	MinCalls    *int           `config:"min_calls"`
	Period      *time.Duration `config:"period"`
	OpenFor     *time.Duration `config:"open_for"`
	Probes      *int           `config:"probes"`
}

// Validate checks that the override names an endpoint (module.Name).
func (o Override) Validate() error {
	if m, n, ok := strings.Cut(o.Endpoint, "."); !ok || m == "" || n == "" {
		return config.Invalid("endpoint", o.Endpoint, "must name an endpoint: <module>.<Name>")
	}
	return nil
}

// over returns p with the override's settings applied.
func (o Override) over(p Policy) Policy {
	set(&p.Timeout, o.Timeout)
	set(&p.Retries, o.Retries)
	set(&p.Backoff, o.Backoff)
	set(&p.BackoffMax, o.BackoffMax)
	set(&p.Bulkhead, o.Bulkhead)
	set(&p.Failures, o.Failures)
	set(&p.FailureRate, o.FailureRate)
	set(&p.MinCalls, o.MinCalls)
	set(&p.Period, o.Period)
	set(&p.OpenFor, o.OpenFor)
	set(&p.Probes, o.Probes)
	return p
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
