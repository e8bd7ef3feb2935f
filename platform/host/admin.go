package host

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/shared"
)

// mountAdmin serves the platform's admin API under /api/admin: dead
// letters and sagas, with the actions operators need. The
// API document describes it (adminRoutes), traces included.
func mountAdmin(g *gateway.Gateway, o *outbox.Outbox, e *saga.Engine, runner *experiment.Runner) {
	g.Describe("admin", adminRoutes...)
	r := g.App.Group("/api/admin", g.RequireAdmin())
	mountExperiments(g, r, runner)

	r.Get("/deadletters", func(c *fiber.Ctx) error {
		p := shared.ParamsOf(c.Queries())
		limit := p.Int("limit", 100, 1, 1000)
		if err := p.Err(); err != nil {
			return err
		}
		letters, err := o.DeadLetters(c.UserContext(), limit)
		if err != nil {
			return err
		}
		return c.JSON(deadLetters{DeadLetters: orEmpty(letters)})
	})
	r.Post("/deadletters/:queue/:id/resubmit", func(c *fiber.Ctx) error {
		if err := o.Resubmit(c.UserContext(), c.Params("queue"), c.Params("id")); err != nil {
			return err
		}
		return c.JSON(resubmitted{Resubmitted: c.Params("id")})
	})
	r.Delete("/deadletters/:queue/:id", func(c *fiber.Ctx) error {
		if err := o.Discard(c.UserContext(), c.Params("queue"), c.Params("id")); err != nil {
			return err
		}
		return c.JSON(discarded{Discarded: c.Params("id")})
	})

	r.Get("/sagas", func(c *fiber.Ctx) error {
		f, err := saga.ParseFilter(c.Queries())
		if err != nil {
			return err
		}
		sagas, err := e.List(c.UserContext(), f)
		if err != nil {
			return err
		}
		return c.JSON(sagaList{Sagas: orEmpty(sagas)})
	})
	r.Get("/sagas/:id", func(c *fiber.Ctx) error {
		info, err := e.Get(c.UserContext(), c.Params("id"))
		if err != nil {
			return err
		}
		return c.JSON(info)
	})
	r.Post("/sagas/:id/retry", func(c *fiber.Ctx) error {
		return sagaAction(c, e, e.Retry(c.UserContext(), c.Params("id")))
	})
	r.Post("/sagas/:id/compensate", func(c *fiber.Ctx) error {
		reason := c.Query("reason", saga.ForcedReason)
		return sagaAction(c, e, e.Compensate(c.UserContext(), c.Params("id"), reason))
	})
}

func sagaAction(c *fiber.Ctx, e *saga.Engine, err error) error {
	if err != nil {
		return err
	}
	info, err := e.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(info)
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
