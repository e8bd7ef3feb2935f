package resilience

import (
	"context"
	"time"

	"github.com/failsafe-go/failsafe-go"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// Bus is the middleware. It sits after metrics and before tracing in the
// chain, where the context still names the calling module (tracing marks
// it with the called one), so that each try is a span of its own.
// Event deliveries pass untouched: the outbox retries them on its own
// schedule and dead-letters what keeps failing, so the calls their
// handlers make are not retried by the policies either (a saga's steps
// are such deliveries too). Calls that arrive from another process pass
// as well: the policy is the caller's, applied where the call is made (the
// calls their handlers make are guarded here in turn).
func (r *Resilience) Bus(next bus.Handler) bus.Handler {
	return func(ctx context.Context, c *bus.Call) error {
		switch {
		case c.Kind == bus.KindEvent:
			return next(bus.WithoutRetries(ctx), c)
		case c.Endpoint == nil || c.Inbound:
			return next(ctx, c)
		}
		caller := telemetry.ModuleOf(ctx)
		if caller == "" {
			caller = Gateway
		}
		return r.guard(caller, experimentCohort(ctx), c.Endpoint).call(ctx, c, next)
	}
}

// experimentCohort is chaos.CohortExperiment for a call of an experiment's
// cohort, "" for any other.
func experimentCohort(ctx context.Context) string {
	if chaos.CohortOf(ctx) == chaos.CohortExperiment {
		return chaos.CohortExperiment
	}
	return ""
}

// Gateway names, as a caller, the calls the edge makes itself (HTTP
// handlers, pages).
const Gateway = "gateway"

// call runs c under the guard's policy: a permit from the bulkhead, a first
// try, retries when the endpoint is idempotent and the caller allows them,
// and the last good reply when all that failed.
func (g *guard) call(ctx context.Context, c *bus.Call, next bus.Handler) error {
	g.calls.Add(1)
	if g.bulkhead != nil {
		if !g.bulkhead.TryAcquirePermit() {
			g.shed.Add(1)
			return g.fallback(ctx, c, shared.Errorf(shared.CodeUnavailable, "%s is busy: %d calls at once already", c.Name, g.policy.Bulkhead))
		}
		defer g.bulkhead.ReleasePermit()
	}
	err := g.try(ctx, c, next)
	if err != nil && g.retry != nil && bus.RetriesAllowed(ctx) && failed(ctx, err) && !refusedByBreaker(err) {
		err = g.retryAfter(ctx, c, next, err)
	}
	switch {
	case err == nil:
		if g.cache != nil {
			g.cache.keep(c.Request, c.Reply)
		}
		return nil
	case failed(ctx, err):
		return g.fallback(ctx, c, err)
	}
	return err
}

// try makes one attempt, if the breaker permits, within the policy's timeout.
func (g *guard) try(ctx context.Context, c *bus.Call, next bus.Handler) error {
	if !g.permit() {
		g.rejected.Add(1)
		return g.refusal()
	}
	tctx, cancel := g.withTimeout(ctx)
	err := next(tctx, c)
	if cancel != nil {
		// A transport may give up at the deadline a moment before the
		// context's timer fires: the clock says whose deadline it was.
		if d, _ := tctx.Deadline(); err != nil && ctx.Err() == nil && !time.Now().Before(d) {
			err = shared.Errorf(shared.CodeUnavailable, "%s gave no answer within %s", c.Name, g.policy.Timeout)
		}
		cancel()
	}
	g.record(failed(ctx, err), err)
	return err
}

// withTimeout bounds a try by the policy's timeout, unless the caller's
// deadline comes first (then it allocates nothing).
func (g *guard) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	t := g.policy.Timeout
	if t <= 0 {
		return ctx, nil
	}
	if d, ok := ctx.Deadline(); ok && time.Until(d) <= t {
		return ctx, nil
	}
	return context.WithTimeout(ctx, t)
}

// retryAfter retries a call whose first try failed with first, through
// failsafe-go's retry policy (backoff, jitter, limit). The first execution
// replays the failure already seen, so the policy waits before the second.
func (g *guard) retryAfter(ctx context.Context, c *bus.Call, next bus.Handler, first error) error {
	replayed := false
	return failsafe.With(g.retry).WithContext(ctx).Run(func() error {
		if !replayed {
			replayed = true
			return first
		}
		return g.try(ctx, c, next)
	})
}

// fallback answers a failed call of a LastGood endpoint from its last good
// reply to the same request, marked stale in ctx; without one, or for any
// other endpoint, the failure stands.
func (g *guard) fallback(ctx context.Context, c *bus.Call, err error) error {
	if g.cache == nil {
		return err
	}
	age, ok := g.cache.answer(c.Request, c.Reply)
	if !ok {
		return err
	}
	g.stale.Add(1)
	bus.MarkStale(ctx, c.Name, age)
	return nil
}
