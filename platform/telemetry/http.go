package telemetry

import (
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// HeaderRequestID is echoed on every response (taken from the request, or made).
const HeaderRequestID = "X-Request-ID"

// HTTP starts a server span for every request — continuing the caller's
// trace when it sends a W3C traceparent — puts it in the request's context
// and echoes traceparent and X-Request-ID on the response.
func HTTP() fiber.Handler {
	return func(c *fiber.Ctx) error {
		carrier := propagation.MapCarrier{}
		c.Request().Header.VisitAll(func(k, v []byte) { carrier[strings.ToLower(string(k))] = string(v) })
		ctx := otel.GetTextMapPropagator().Extract(c.UserContext(), carrier)
		ctx, span := Tracer().Start(ctx, c.Method()+" "+c.Path(), trace.WithSpanKind(trace.SpanKindServer))
		defer span.End()
		c.SetUserContext(ctx)

		requestID := c.Get(HeaderRequestID)
		if requestID == "" || len(requestID) > 128 {
			requestID = uuid.NewString()
		}
		out := propagation.MapCarrier{}
		otel.GetTextMapPropagator().Inject(ctx, out)
		c.Set("traceparent", out["traceparent"])
		c.Set(HeaderRequestID, requestID)

		if err := Next(c); err != nil {
			return err
		}
		status := c.Response().StatusCode()
		span.SetName(c.Method() + " " + c.Route().Path)
		span.SetAttributes(attribute.String("http.route", c.Route().Path), attribute.Int("http.status_code", status),
			attribute.String("http.request_id", requestID))
		if status >= 500 {
			span.SetStatus(codes.Error, string(c.Response().Body()))
		}
		return nil
	}
}

// Next runs the rest of the chain and, when it fails, has the app's error
// handler write the error response right away, so that a middleware sees
// the status the client gets. It returns only the error handler's failure.
func Next(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return c.App().ErrorHandler(c, err)
	}
	return nil
}
