package host

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/gateway"
)

// Health answers /healthz (the process is alive) and /readyz (it can do
// its work: database and Redis answer, migrations are applied).
type Health struct {
	db       *db.DB
	broker   *broker.Broker
	migrated atomic.Bool
	remotes  []remoteCheck
}

// remoteCheck probes the process of a module that runs elsewhere.
type remoteCheck struct {
	module string
	check  func(context.Context) error
}

// remoteCheckPrefix starts the name of the check of a remote module.
const remoteCheckPrefix = "module:"

// Check is one line of the readiness report.
type Check struct {
	Name  string `json:"name"`
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

func newHealth(g *gateway.Gateway, d *db.DB, b *broker.Broker) *Health {
	h := &Health{db: d, broker: b}
	g.App.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"status": "ok"}) })
	g.App.Get("/readyz", h.serveReady)
	return h
}

func (h *Health) serveReady(c *fiber.Ctx) error {
	checks := h.Checks(c.UserContext())
	status := fiber.StatusOK
	for _, ch := range checks {
		if !ch.OK {
			status = fiber.StatusServiceUnavailable
		}
	}
	return c.Status(status).JSON(fiber.Map{"ready": status == fiber.StatusOK, "checks": checks})
}

// Checks runs every readiness check with a short timeout each.
func (h *Health) Checks(ctx context.Context) []Check {
	probe := func(name string, fn func(context.Context) error) Check {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if err := fn(ctx); err != nil {
			return Check{Name: name, Error: err.Error()}
		}
		return Check{Name: name, OK: true}
	}
	migrations := Check{Name: "migrations", OK: h.migrated.Load()}
	if !migrations.OK {
		migrations.Error = "not applied yet"
	}
	checks := []Check{probe("database", h.db.Ping), probe("redis", h.broker.Ping), migrations}
	for _, r := range h.remotes {
		checks = append(checks, probe(remoteCheckPrefix+r.module, r.check))
	}
	return checks
}
