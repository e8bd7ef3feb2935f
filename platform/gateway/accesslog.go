package gateway

import (
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/telemetry"
)

// accessLog writes one line per request once it is answered, with the
// status the client gets: at INFO, except the probes and metrics scrapes
// (DEBUG). The request's context adds trace_id, span_id and module: the
// module owning the route (see Route) — also for an answer from the cache,
// given ahead of the route — and none for a route no module owns, such as
// /healthz. The user is the token's subject, "guest" for a visitor with a
// session (never the session's id: it is a secret) or "anonymous".
//
// A request whose handler panics is logged too, with the 500 the recover
// middleware further out answers, and without bytes (that answer is not
// written yet); the panic then goes on to that middleware.
func (g *Gateway) accessLog(c *fiber.Ctx) error {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			g.logRequest(c, start, fiber.StatusInternalServerError)
			panic(r)
		}
	}()
	err := telemetry.Next(c)
	g.logRequest(c, start, c.Response().StatusCode(), slog.Int("bytes", len(c.Response().Body())))
	return err
}

func (g *Gateway) logRequest(c *fiber.Ctx, start time.Time, status int, extra ...slog.Attr) {
	level := slog.LevelInfo
	if unlimited(c.Path()) {
		level = slog.LevelDebug
	}
	route, ctx := telemetry.RouteOf(c), c.UserContext()
	if telemetry.ModuleOf(ctx) == "" && c.GetRespHeader(headerCache) == "HIT" {
		if m := g.ownerOf(route); m != "" {
			ctx = telemetry.WithModule(ctx, m)
		}
	}
	attrs := append([]slog.Attr{
		slog.String("method", c.Method()),
		slog.String("route", route),
		slog.String("path", c.Path()),
		slog.Int("status", status),
		slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
		slog.String("user", userLabel(c)),
		slog.String("ip", c.IP()),
		slog.String("request_id", c.GetRespHeader(telemetry.HeaderRequestID)),
	}, extra...)
	g.log.LogAttrs(ctx, level, "request", attrs...)
}

func userLabel(c *fiber.Ctx) string {
	if claims, ok := Claims(c); ok {
		return claims.Subject
	}
	if id, ok := c.Locals(userKey{}).(string); ok && isGuestID(id) || isGuestID(c.Cookies(SessionCookie)) {
		return "guest"
	}
	return "anonymous"
}
