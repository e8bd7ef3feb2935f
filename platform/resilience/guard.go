package resilience

import (
	"cmp"
	"sync/atomic"
	"time"

	"github.com/failsafe-go/failsafe-go/bulkhead"
	"github.com/failsafe-go/failsafe-go/circuitbreaker"
	"github.com/failsafe-go/failsafe-go/retrypolicy"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// guard holds the state of one policy in force: the breaker, bulkhead and
// retry policy of an endpoint (shared by its callers) or of one edge.
type guard struct {
	caller   string // "" for an endpoint's guard
	cohort   string // chaos.CohortExperiment for the experiment cohort's guard
	endpoint string
	policy   Policy
	breaker  circuitbreaker.CircuitBreaker[any] // nil: no breaker
	bulkhead bulkhead.Bulkhead[any]             // nil: no bound
	retry    retrypolicy.RetryPolicy[any]       // nil: no retries
	cache    *lastGood                          // nil: not a LastGood endpoint
	// idempotent endpoints may be retried; the others never are.
	idempotent bool
	forced     atomic.Int32

	calls, failures, rejected, shed, stale atomic.Int64
	lastFailure                            atomic.Pointer[shared.Error]
}

// Forced states of a breaker; forceAuto lets it follow the calls.
const (
	forceAuto int32 = iota
	forceOpen
	forceClosed
)

func newGuard(caller string, info *bus.EndpointInfo, p Policy, cache *lastGood) *guard {
	if !info.Idempotent {
		p.Retries = 0
	}
	g := &guard{caller: caller, endpoint: info.Name, policy: p, cache: cache, idempotent: info.Idempotent}
	if p.breaking() {
		b := circuitbreaker.NewBuilder[any]().WithDelay(p.OpenFor).WithSuccessThreshold(uint(p.Probes))
		if p.FailureRate > 0 {
			b = b.WithFailureRateThreshold(p.FailureRate, uint(p.MinCalls), p.Period)
		} else {
			b = b.WithFailureThreshold(uint(p.Failures))
		}
		g.breaker = b.Build()
	}
	if p.Bulkhead > 0 {
		g.bulkhead = bulkhead.New[any](uint(p.Bulkhead))
	}
	if p.Retries > 0 {
		g.retry = retrypolicy.NewBuilder[any]().
			HandleIf(func(_ any, err error) bool { return err != nil && !refusedByBreaker(err) && failureCode(err) }).
			WithMaxRetries(p.Retries).
			WithBackoff(p.Backoff, p.BackoffMax).
			WithJitterFactor(0.25).
			ReturnLastFailure().
			Build()
	}
	return g
}

// permit asks the breaker whether a try may go to the provider.
func (g *guard) permit() bool {
	switch {
	case g.breaker == nil:
		return true
	case g.forced.Load() == forceOpen:
		return false
	case g.forced.Load() == forceClosed:
		return true
	}
	return g.breaker.TryAcquirePermit()
}

// record tells the breaker how a permitted try went.
func (g *guard) record(failed bool, err error) {
	if failed {
		g.failures.Add(1)
		g.lastFailure.Store(shared.AsError(err))
	}
	if g.breaker == nil || g.forced.Load() != forceAuto {
		return
	}
	if failed {
		g.breaker.RecordFailure()
	} else {
		g.breaker.RecordSuccess()
	}
}

// refusal is the error of a try the open breaker refused: unavailable, with
// the last real failure's reason and message, so that whoever reads it (a
// saga's reason, a log line) learns why the provider is cut off.
func (g *guard) refusal() error {
	last := g.lastFailure.Load()
	if last == nil {
		e := shared.Errorf(shared.CodeUnavailable, "%w: %s", bus.ErrCircuitOpen, g.endpoint)
		e.Reason = ReasonOpen
		return e
	}
	e := shared.Errorf(shared.CodeUnavailable, "%w: %s", bus.ErrCircuitOpen, last.Message)
	e.Reason = cmp.Or(last.Reason, ReasonOpen)
	return e
}

// State is the breaker's state as the admin API shows it: closed, open,
// half-open, or none; "forced-open"/"forced-closed" when an operator said so.
func (g *guard) state() string {
	switch {
	case g.breaker == nil:
		return "none"
	case g.forced.Load() == forceOpen:
		return "forced-open"
	case g.forced.Load() == forceClosed:
		return "forced-closed"
	}
	return g.breaker.State().String()
}

// reopensIn is how long an open breaker still refuses calls; 0 when it
// is forced open (until an operator says otherwise).
func (g *guard) reopensIn() time.Duration {
	if g.breaker == nil || !g.breaker.IsOpen() || g.forced.Load() != forceAuto {
		return 0
	}
	return g.breaker.RemainingDelay()
}
