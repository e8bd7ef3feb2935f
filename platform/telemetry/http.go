package telemetry

import (
	"crypto/rand"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// HeaderRequestID is echoed on every response (taken from the request, or made).
const HeaderRequestID = "X-Request-ID"

// UntracedPrefix is where the admin console lives. Its pages poll every
// few seconds: recording them would push the traces worth reading out of
// the ring, so requests under it — and probes and scrapes — are not
// recorded (they still get trace and request ids).
const UntracedPrefix = "/admin"

func untraced(path string) bool {
	return path == UntracedPrefix || strings.HasPrefix(path, UntracedPrefix+"/") ||
		path == "/metrics" || path == "/healthz" || path == "/readyz"
}

// HTTP starts a server span for every request — continuing the caller's
// trace when it sends a W3C traceparent — puts it in the request's context
// and echoes traceparent and X-Request-ID on the response.
func HTTP() fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx := otel.GetTextMapPropagator().Extract(c.UserContext(), HeaderCarrier{c})
		if untraced(c.Path()) {
			ctx = trace.ContextWithSpanContext(ctx, unrecorded())
		}
		ctx, span := Tracer().Start(ctx, c.Method()+" "+c.Path(), trace.WithSpanKind(trace.SpanKindServer))
		defer span.End()
		c.SetUserContext(ctx)

		requestID := c.Get(HeaderRequestID)
		if !usableRequestID(requestID) {
			requestID = uuid.NewString()
		}
		otel.GetTextMapPropagator().Inject(ctx, HeaderCarrier{c})
		c.Set(HeaderRequestID, requestID)

		if err := Next(c); err != nil {
			return err
		}
		status, route := c.Response().StatusCode(), RouteOf(c)
		span.SetName(c.Method() + " " + route)
		span.SetAttributes(attribute.String("http.route", route), attribute.Int("http.status_code", status),
			attribute.String("http.request_id", requestID))
		if status >= 500 {
			span.SetStatus(codes.Error, string(c.Response().Body()))
		}
		return nil
	}
}

type routeKey struct{}

// SetRoute records the route pattern of a request that a middleware answers
// in the route's place (the gateway's cache), for spans, metrics and logs.
func SetRoute(c *fiber.Ctx, pattern string) { c.Locals(routeKey{}, pattern) }

// SetModule marks the request as served by module: log lines written with
// its context (the access log's too) carry it, and the bus calls made with
// it count it as their caller.
func SetModule(c *fiber.Ctx, module string) {
	c.SetUserContext(WithModule(c.UserContext(), module))
}

// RouteOf is the pattern of the route that answered c.
func RouteOf(c *fiber.Ctx) string {
	if p, ok := c.Locals(routeKey{}).(string); ok {
		return p
	}
	return c.Route().Path
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

// unrecorded is a fresh, unsampled span context: under it, parent-based
// sampling records nothing.
func unrecorded() trace.SpanContext {
	var tid trace.TraceID
	var sid trace.SpanID
	_, _ = rand.Read(tid[:])
	_, _ = rand.Read(sid[:])
	return trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid})
}

// usableRequestID tells whether a client's request id may be echoed and
// logged: 1 to 128 visible ASCII characters.
func usableRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := range len(id) {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}
