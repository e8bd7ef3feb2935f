package remote

import (
	"context"
	"crypto/subtle"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"go.opentelemetry.io/otel"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// Serve mounts POST /internal/bus/:endpoint, through which other processes
// call the endpoints served here. Every call must bear the service token;
// without one the route answers 401 to everybody.
func Serve(g *gateway.Gateway, b *bus.Bus, cfg Config) {
	g.App.Post("/internal/bus/:endpoint", requireToken(cfg.Token), func(c *fiber.Ctx) error {
		ctx, cancel := callContext(c)
		defer cancel()
		reply, err := b.Serve(ctx, c.Params("endpoint"), c.Body())
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(reply)
	})
}

func requireToken(token string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		got, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
		if token == "" || !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			return shared.Errorf(shared.CodeUnauthorized, "internal calls need the service token")
		}
		return c.Next()
	}
}

// callContext carries the caller's trace context and remaining time into
// the call.
func callContext(c *fiber.Ctx) (context.Context, context.CancelFunc) {
	ctx := otel.GetTextMapPropagator().Extract(c.UserContext(), telemetry.HeaderCarrier{C: c})
	if ms, err := strconv.ParseInt(c.Get(headerTimeout), 10, 64); err == nil && ms > 0 {
		return context.WithTimeout(ctx, time.Duration(ms)*time.Millisecond)
	}
	return context.WithCancel(ctx)
}
