package bus

import (
	"context"
	"errors"
)

type noRetriesKey struct{}

// WithoutRetries marks ctx so that the calls made under it are tried once
// by the bus's policies: their caller retries on its own schedule (the saga
// engine counts a step's attempts; a remote caller has its own policy).
// Timeouts, bulkheads and breakers still apply.
func WithoutRetries(ctx context.Context) context.Context {
	if RetriesAllowed(ctx) {
		return context.WithValue(ctx, noRetriesKey{}, true)
	}
	return ctx
}

// RetriesAllowed reports whether the bus's policies may repeat a failed
// call made under ctx.
func RetriesAllowed(ctx context.Context) bool {
	return ctx.Value(noRetriesKey{}) == nil
}

// ErrCircuitOpen is in the chain of an error (errors.Is) when a circuit
// breaker refused the call: it never reached the provider. A caller that
// counts attempts (the saga engine) need not count it.
var ErrCircuitOpen = errors.New("circuit open")
