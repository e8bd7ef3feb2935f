package resilience

import (
	"cmp"
	"slices"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Breaker is the state of one guard, as GET /api/admin/breakers and the
// console show it: an endpoint's (Caller empty) or an edge's.
type Breaker struct {
	Endpoint string `json:"endpoint"`
	// Caller is the calling module of an edge with a policy of its own;
	// empty for the endpoint's guard, which its other callers share.
	Caller string `json:"caller,omitempty"`
	// Cohort is "experiment" for the guard of an experiment cohort's calls,
	// kept apart so that its faults leave the other calls' breaker alone.
	Cohort string `json:"cohort,omitempty"`
	// State is closed, open, half-open, forced-open, forced-closed, or none
	// (the policy has no breaker).
	State string `json:"state"`
	// ReopensInMs is how long an open breaker still refuses calls.
	ReopensInMs int64 `json:"reopens_in_ms"`
	Calls       int64 `json:"calls"`
	// Failures counts tries that failed (unavailable, internal, deadline);
	// Rejected the tries the open breaker refused; Shed the calls over the
	// bulkhead; Stale the calls answered from the last good reply.
	Failures    int64  `json:"failures"`
	Rejected    int64  `json:"rejected"`
	Shed        int64  `json:"shed"`
	Stale       int64  `json:"stale"`
	LastFailure string `json:"last_failure,omitempty"`
	// LastGood describes the replies kept; nil unless the endpoint is
	// declared bus.LastGood.
	LastGood *LastGoodSpan `json:"last_good,omitempty"`
	Policy   PolicyView    `json:"policy"`
}

// LastGoodSpan is how many last good replies an endpoint keeps and how old
// they are.
type LastGoodSpan struct {
	Entries     int   `json:"entries"`
	OldestAgeMs int64 `json:"oldest_age_ms"`
	NewestAgeMs int64 `json:"newest_age_ms"`
}

// Breakers lists the guards in use, by endpoint then caller.
func (r *Resilience) Breakers() []Breaker {
	seen := map[*guard]bool{}
	list := []Breaker{}
	for _, g := range *r.guards.Load() {
		if !seen[g] {
			seen[g] = true
			list = append(list, g.report())
		}
	}
	slices.SortFunc(list, func(a, b Breaker) int {
		return cmp.Or(cmp.Compare(a.Endpoint, b.Endpoint), cmp.Compare(a.Caller, b.Caller), cmp.Compare(a.Cohort, b.Cohort))
	})
	return list
}

func (g *guard) report() Breaker {
	b := Breaker{
		Endpoint: g.endpoint, Caller: g.caller, Cohort: g.cohort, State: g.state(), ReopensInMs: g.reopensIn().Milliseconds(),
		Calls: g.calls.Load(), Failures: g.failures.Load(), Rejected: g.rejected.Load(), Shed: g.shed.Load(),
		Stale: g.stale.Load(), Policy: g.policy.View(),
	}
	if last := g.lastFailure.Load(); last != nil {
		b.LastFailure = last.Error()
	}
	if g.cache != nil {
		n, oldest, newest := g.cache.span()
		b.LastGood = &LastGoodSpan{Entries: n, OldestAgeMs: oldest.Milliseconds(), NewestAgeMs: newest.Milliseconds()}
	}
	return b
}

// ErrNoBreaker is the answer to forcing a breaker that is not in use here.
var ErrNoBreaker = shared.NewReason(shared.CodeNotFound, "no_breaker", "no such breaker")

// Force sets the breaker of endpoint (of caller's edge when caller is not
// empty) to "open" or "closed" until set to "auto" again, which closes it
// and lets it follow the calls. An operator opens a breaker to cut off a
// provider misbehaving in a way the breaker does not see, and closes one
// to let calls through against its judgement. It sets the breaker of
// ordinary calls, not that of an experiment cohort's.
func (r *Resilience) Force(endpoint, caller, state string) (Breaker, error) {
	var g *guard
	for k, cand := range *r.guards.Load() {
		if k.endpoint == endpoint && cand.caller == caller && cand.cohort == "" {
			g = cand
		}
	}
	if g == nil {
		info, ok := bus.LookupEndpoint(endpoint)
		if !ok || (caller != "" && !r.cfg.hasEdge(caller, endpoint)) {
			return Breaker{}, ErrNoBreaker.With("no breaker for %s%s", endpoint, ifCaller(caller))
		}
		g = r.addGuard(edge{caller, endpoint, ""}, info)
	}
	if g.breaker == nil {
		return Breaker{}, ErrNoBreaker.With("the policy of %s%s has no breaker", endpoint, ifCaller(caller))
	}
	switch state {
	case "open":
		g.forced.Store(forceOpen)
		g.breaker.Open()
	case "closed":
		g.forced.Store(forceClosed)
		g.breaker.Close()
	case "auto":
		g.forced.Store(forceAuto)
		g.breaker.Close()
	default:
		return Breaker{}, shared.Invalid("state", "state must be open, closed or auto, not %q", state)
	}
	return g.report(), nil
}

func ifCaller(caller string) string {
	if caller == "" {
		return ""
	}
	return " called by " + caller
}

// EndpointPolicy is the effective policy of one endpoint and of the edges
// to it configured here, for GET /api/admin/registry.
type EndpointPolicy struct {
	Endpoint string       `json:"endpoint"`
	LastGood bool         `json:"last_good"`
	Policy   PolicyView   `json:"policy"`
	Edges    []EdgePolicy `json:"edges,omitempty"`
}

// EdgePolicy is the policy of one caller's calls to an endpoint.
type EdgePolicy struct {
	Caller string     `json:"caller"`
	Policy PolicyView `json:"policy"`
}

// Policies lists the effective policy of every endpoint of reg (no
// retries for an endpoint that is not idempotent, whatever the settings).
func (r *Resilience) Policies(reg bus.Registry) []EndpointPolicy {
	list := make([]EndpointPolicy, 0, len(reg.Endpoints))
	for _, e := range reg.Endpoints {
		effective := func(caller string) PolicyView {
			p := r.cfg.policy(caller, e.Name)
			if !e.Idempotent {
				p.Retries = 0
			}
			return p.View()
		}
		p := EndpointPolicy{Endpoint: e.Name, Policy: effective("")}
		if info, ok := bus.LookupEndpoint(e.Name); ok {
			p.LastGood = info.LastGood
		}
		for _, o := range r.cfg.Edges {
			if o.Endpoint == e.Name {
				p.Edges = append(p.Edges, EdgePolicy{Caller: o.Caller, Policy: effective(o.Caller)})
			}
		}
		list = append(list, p)
	}
	return list
}
