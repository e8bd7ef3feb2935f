// Package resilience guards every endpoint call of the bus with a policy —
// a timeout per try, retries with jittered backoff for idempotent endpoints,
// a bulkhead and a circuit breaker — set per endpoint and per
// caller→endpoint edge in configuration, and answers a failing call of an
// endpoint declared bus.LastGood from its last good reply, marked stale.
// It is one bus middleware (Bus); modules write none of it.
//
// The breakers and bulkheads are failsafe-go's, asked for permits directly
// so that a call that needs no retry costs no executor; a retry runs
// failsafe-go's retry policy.
package resilience

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/jubako/jubako/platform/bus"
)

// Resilience holds the policies of one process and the state they keep.
type Resilience struct {
	cfg Config
	now func() time.Time

	mu     sync.Mutex
	guards atomic.Pointer[map[edge]*guard]
	caches map[string]*lastGood
}

// edge is a caller's calls to an endpoint; caller "" stands for every
// caller without a policy of its own. Cohort is chaos.CohortExperiment for
// the calls of an experiment's cohort, which have guards of their own, so
// that the faults injected into that cohort cannot open the breakers of the
// control cohort and everyone else; "" otherwise.
type edge struct{ caller, endpoint, cohort string }

// New returns the policies of cfg, validated.
func New(cfg Config) (*Resilience, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := &Resilience{cfg: cfg, now: time.Now, caches: map[string]*lastGood{}}
	r.guards.Store(&map[edge]*guard{})
	return r, nil
}

// guard returns the guard of caller's calls to the endpoint info: the
// edge's own when configured, else the endpoint's, made on first use.
func (r *Resilience) guard(caller, cohort string, info *bus.EndpointInfo) *guard {
	k := edge{caller, info.Name, cohort}
	if g, ok := (*r.guards.Load())[k]; ok {
		return g
	}
	return r.addGuard(k, info)
}

func (r *Resilience) addGuard(k edge, info *bus.EndpointInfo) *guard {
	r.mu.Lock()
	defer r.mu.Unlock()
	cur := *r.guards.Load()
	if g, ok := cur[k]; ok {
		return g
	}
	next := make(map[edge]*guard, len(cur)+2)
	for key, g := range cur {
		next[key] = g
	}
	own := k
	if !r.cfg.hasEdge(k.caller, k.endpoint) {
		own = edge{"", k.endpoint, k.cohort}
	}
	g, ok := next[own]
	if !ok {
		g = newGuard(own.caller, info, r.cfg.policy(own.caller, own.endpoint), r.cacheOf(info))
		g.cohort = own.cohort
		next[own] = g
	}
	next[k] = g
	r.guards.Store(&next)
	return g
}

// cacheOf returns the endpoint's last good replies, nil unless it is
// declared LastGood. Under r.mu.
func (r *Resilience) cacheOf(info *bus.EndpointInfo) *lastGood {
	if !info.LastGood || r.cfg.LastGood.Entries == 0 {
		return nil
	}
	c, ok := r.caches[info.Name]
	if !ok {
		c = newLastGood(r.cfg.LastGood.Entries, r.cfg.LastGood.MaxAge, r.now)
		r.caches[info.Name] = c
	}
	return c
}
