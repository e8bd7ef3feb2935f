package telemetry

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Bus is the bus middleware that traces every call and delivery: a client
// span for a remote call, a consumer span for an event, an internal one
// otherwise; the module serving it is on the span and in the context (for
// log lines). Unsampled calls allocate as little as possible.
func Bus(next bus.Handler) bus.Handler {
	return func(ctx context.Context, c *bus.Call) error {
		kind := spanInternal
		switch {
		case c.Kind == bus.KindEvent:
			kind = spanConsumer
		case c.Remote:
			kind = spanClient
		}
		if sc := trace.SpanContextFromContext(ctx); sc.IsValid() && !sc.IsSampled() {
			// The parent is not recorded, so neither would this span be
			// (parent-based sampling): skip it, keep the trace id.
			return next(WithModule(ctx, c.Module), c)
		}
		ctx, span := Tracer().Start(ctx, c.Name, kind)
		defer span.End()
		recording := span.IsRecording()
		if recording {
			span.SetAttributes(attribute.String(AttrModule, c.Module), attribute.String(AttrKind, c.Kind.String()), attribute.Bool(AttrRemote, c.Remote))
			if c.MessageID != "" {
				span.SetAttributes(attribute.String(AttrMessage, c.MessageID))
			}
		}
		err := next(WithModule(ctx, c.Module), c)
		if err != nil && recording {
			span.SetAttributes(attribute.String(AttrErrCode, string(shared.CodeOf(err))))
			span.SetStatus(codes.Error, err.Error())
		}
		return err
	}
}

var (
	spanInternal = trace.WithSpanKind(trace.SpanKindInternal)
	spanConsumer = trace.WithSpanKind(trace.SpanKindConsumer)
	spanClient   = trace.WithSpanKind(trace.SpanKindClient)
)
