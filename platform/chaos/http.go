package chaos

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/telemetry"
)

// Routes is the gateway middleware that applies route faults
// ("GET /api/catalog/products/:id") to the requests this process serves.
// Paths under forwarded — the prefixes of modules another process serves,
// which this gateway only forwards — are left to that process, whose own
// gateway applies the fault. An abort holds a request for at most hold
// (the gateway's handler timeout: the middleware runs ahead of the
// handler deadline, and of the response cache, which does not dodge it).
// With no fault active it costs one atomic load.
func (s *Store) Routes(forwarded []string, hold time.Duration) fiber.Handler {
	return func(c *fiber.Ctx) error {
		snap := s.active.Load()
		if snap == nil || len(snap.routes) == 0 {
			return c.Next()
		}
		path := c.Path()
		for _, p := range forwarded {
			if telemetry.PathUnder(path, p) {
				return c.Next()
			}
		}
		for _, p := range untouchable {
			if telemetry.PathUnder(path, p) {
				return c.Next()
			}
		}
		ctx := c.UserContext()
		if f := snap.forRoute(ctx, c.Method(), path, time.Now()); f != nil {
			if hold > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, hold)
				defer cancel()
			}
			if err := s.inject(ctx, f); err != nil {
				return err
			}
		}
		return c.Next()
	}
}
