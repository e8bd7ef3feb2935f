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
// log lines).
func Bus(next bus.Handler) bus.Handler {
	return func(ctx context.Context, c *bus.Call) error {
		kind := trace.SpanKindInternal
		switch {
		case c.Kind == bus.KindEvent:
			kind = trace.SpanKindConsumer
		case c.Remote:
			kind = trace.SpanKindClient
		}
		ctx, span := Tracer().Start(ctx, c.Name, trace.WithSpanKind(kind), trace.WithAttributes(
			attribute.String(AttrModule, c.Module), attribute.String(AttrKind, c.Kind.String()), attribute.Bool(AttrRemote, c.Remote)))
		defer span.End()
		if c.MessageID != "" {
			span.SetAttributes(attribute.String(AttrMessage, c.MessageID))
		}
		err := next(WithModule(ctx, c.Module), c)
		if err != nil {
			span.SetAttributes(attribute.String(AttrErrCode, string(shared.CodeOf(err))))
			span.SetStatus(codes.Error, err.Error())
		}
		return err
	}
}
