package remote

import (
	"bytes"
	"context"
	"crypto/subtle"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"go.opentelemetry.io/otel"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// Serve serves gateway.InternalBusRoute, through which other processes
// call the endpoints served here. Every call must bear the service token;
// without one the route answers 401 to everybody.
func Serve(g *gateway.Gateway, b *bus.Bus, cfg Config) {
	authorized := requireToken(cfg.Token)
	g.ServeInternal(func(c *fiber.Ctx) error {
		if err := authorized(c); err != nil {
			return err
		}
		ctx, cancel := callContext(c)
		defer cancel()
		reply, err := b.Serve(ctx, c.Params("endpoint"), c.Body())
		if err != nil {
			return err
		}
		if stale := bus.StaleOf(ctx); stale != nil {
			c.Set(bus.HeaderStale, bus.FormatStale(stale))
		}
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(reply)
	})
}

func requireToken(token string) func(*fiber.Ctx) error {
	return func(c *fiber.Ctx) error {
		if !BearsToken(c, token) {
			return shared.Errorf(shared.CodeUnauthorized, "internal calls need the service token")
		}
		return nil
	}
}

// BearsToken reports whether the request's bearer token is the service
// token (compared in constant time); never when no token is configured.
func BearsToken(c *fiber.Ctx, token string) bool {
	got, ok := bytes.CutPrefix(c.Request().Header.Peek(fiber.HeaderAuthorization), []byte("Bearer "))
	return token != "" && ok && subtle.ConstantTimeCompare(got, []byte(token)) == 1
}

// callContext carries the caller's trace context and remaining time into
// the call. The stale answers of the calls it makes in turn are tracked,
// to go back in bus.HeaderStale.
func callContext(c *fiber.Ctx) (context.Context, context.CancelFunc) {
	ctx := otel.GetTextMapPropagator().Extract(c.UserContext(), telemetry.HeaderCarrier{C: c})
	ctx = bus.TrackStale(ctx)
	if ms, err := strconv.ParseInt(c.Get(headerTimeout), 10, 64); err == nil && ms > 0 {
		return context.WithTimeout(ctx, time.Duration(ms)*time.Millisecond)
	}
	return context.WithCancel(ctx)
}
