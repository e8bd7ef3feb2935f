package resilience

import (
	"context"
	"errors"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// ReasonOpen is the reason of a call an open breaker refused before the
// provider had failed in a way that had one.
const ReasonOpen = "circuit_open"

func refusedByBreaker(err error) bool { return errors.Is(err, bus.ErrCircuitOpen) }

// failureCode reports an outcome that says the provider failed:
// unavailable, internal, or a deadline. Business errors (invalid,
// not_found, conflict, a declined card…) say it works.
func failureCode(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	switch shared.CodeOf(err) {
	case shared.CodeUnavailable, shared.CodeInternal:
		return true
	}
	return false
}

// failed reports whether a try made under the caller's ctx failed because
// of the provider. A caller that gave up (cancelled its context) says
// nothing about the provider; a caller's deadline that passed does.
func failed(ctx context.Context, err error) bool {
	if err == nil || errors.Is(ctx.Err(), context.Canceled) {
		return false
	}
	return failureCode(err)
}
