package transport

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/host"
)

// mountProjections serves /api/admin/projections to admins: the read
// models' checkpoints, and their rebuild.
func mountProjections(g *gateway.Gateway, s *app.Service) {
	r := g.Route("orders", "/api/admin/projections")
	r.Use(g.RequireAdmin())
	r.Get("/", func(c *fiber.Ctx) error {
		list, err := s.Projections(c.UserContext())
		if err != nil {
			return err
		}
		return c.JSON(list)
	})
	r.Post("/:name/rebuild", func(c *fiber.Ctx) error {
		p, err := s.RebuildProjection(c.UserContext(), c.Params("name"))
		if err != nil {
			return err
		}
		return c.JSON(p)
	})
}

// pollProjections is how often the tailing projections look for events
// nobody woke them for: those another process appended and could not
// apply itself (it stopped first). Events appended here wake them at once.
const pollProjections = 10 * time.Second

// pollHeldBack is how soon they look again while, on PostgreSQL, an older
// transaction still running holds events back.
const pollHeldBack = 200 * time.Millisecond

// RunProjections brings every projection up to date when orders starts
// (the events a migration wrote included), then the tailing ones whenever
// events are appended here, every pollHeldBack while events are held back
// and every pollProjections otherwise. Stopping waits for a batch in
// progress.
func RunProjections(lc fx.Lifecycle, s *app.Service, log *slog.Logger) {
	lc.Append(fx.Hook{OnStart: s.CatchUpAllProjections})
	log = log.With("module", "orders")
	host.Background(lc, func(ctx context.Context) {
		t := time.NewTimer(pollProjections)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			case <-s.ProjectionsWoken():
			}
			held, err := s.CatchUpProjections(ctx)
			if err != nil && ctx.Err() == nil {
				log.Error("projecting the orders' events failed", "error", err)
			}
			next := pollProjections
			if held || err != nil {
				next = pollHeldBack
			}
			t.Reset(next)
		}
	})
}
