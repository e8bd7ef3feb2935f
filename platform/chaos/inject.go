package chaos

import (
	"context"
	"math/rand/v2"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/jubako/jubako/shared"
)

// ReasonInjected is the reason of the errors faults inject, so that
// callers and people can tell them from real ones.
const ReasonInjected = "fault_injected"

// Span attributes of an injection.
const (
	AttrFault = "jubako.chaos.fault"
	AttrKind  = "jubako.chaos.kind"
)

// inject applies f to the call in ctx: it waits for a latency fault and
// returns nil (the call then runs), and returns the error of an error or
// abort fault (the call does not run). It counts the injection and marks
// the span.
func (s *Store) inject(ctx context.Context, f *Fault) error {
	s.injected.WithLabelValues(f.Target, f.Kind).Inc()
	span := trace.SpanFromContext(ctx)
	if span.IsRecording() {
		attrs := trace.WithAttributes(attribute.String(AttrFault, f.ID), attribute.String(AttrKind, f.Kind))
		span.AddEvent("chaos.injected", attrs)
		span.SetAttributes(attribute.String(AttrFault, f.ID), attribute.String(AttrKind, f.Kind))
	}
	switch f.Kind {
	case KindLatency:
		return wait(ctx, delay(f), f)
	case KindAbort:
		// No deadline: hold the call until the fault ends.
		return wait(ctx, time.Until(f.Expires), f)
	default:
		return injectedError(f)
	}
}

// delay is the fault's latency ± a random share of its jitter.
func delay(f *Fault) time.Duration {
	d := f.Latency
	if f.Jitter > 0 {
		d += time.Duration(rand.Int64N(2*int64(f.Jitter)+1)) - f.Jitter
	}
	return max(d, 0)
}

// wait sleeps d unless ctx ends first: then the call fails unavailable, as
// any call past its deadline does. An abort fails when d is over too.
func wait(ctx context.Context, d time.Duration, f *Fault) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return &shared.Error{Code: shared.CodeUnavailable, Reason: ReasonInjected,
			Message: "fault injected: the call was held until its deadline (" + describe(f) + ")"}
	case <-t.C:
		if f.Kind == KindAbort {
			return &shared.Error{Code: shared.CodeUnavailable, Reason: ReasonInjected,
				Message: "fault injected: the call was held until the fault ended (" + describe(f) + ")"}
		}
		return nil
	}
}

func injectedError(f *Fault) error {
	return &shared.Error{Code: shared.Code(f.Code), Reason: ReasonInjected, Message: "fault injected (" + describe(f) + ")"}
}
