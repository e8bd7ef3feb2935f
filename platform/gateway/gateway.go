// Package gateway is the one HTTP front of a process: a fiber app with the
// middleware chain, JSON errors in one shape, and the routes modules mount
// under /api/<module>.
package gateway

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// Gateway owns the fiber app and its listener.
type Gateway struct {
	App  *fiber.App
	cfg  Config
	keys *auth.Keys
	log  *slog.Logger
	ln   net.Listener
	// owners maps public path prefixes to the module serving them.
	owners map[string]string
	// inflight counts requests being served, for a graceful stop.
	inflight atomic.Int64
}

// New builds the app. Routes are added by modules before Start.
func New(cfg Config, keys *auth.Keys, metrics *telemetry.Metrics, log *slog.Logger) *Gateway {
	g := &Gateway{cfg: cfg, keys: keys, log: log.With("component", "http"), owners: map[string]string{}}
	g.App = fiber.New(fiber.Config{
		AppName:               "jubako",
		DisableStartupMessage: true,
		BodyLimit:             cfg.BodyLimit,
		ReadTimeout:           cfg.ReadTimeout,
		WriteTimeout:          cfg.WriteTimeout,
		ErrorHandler:          g.handleError,
		// Values from the request (params, headers, cookies) outlive it in
		// spans, metrics and logs: they must not point into reused buffers.
		Immutable: true,
	})
	g.App.Use(g.count, recover.New(), telemetry.HTTP(), metrics.HTTP(), g.authenticate)
	return g
}

func (g *Gateway) count(c *fiber.Ctx) error {
	g.inflight.Add(1)
	defer g.inflight.Add(-1)
	return c.Next()
}

// API returns the router for /api/<module>.
func (g *Gateway) API(module string) fiber.Router { return g.Route(module, "/api/"+module) }

// Route returns a router for prefix, a public path the module owns (such as
// /api/checkout for orders), and records the ownership.
func (g *Gateway) Route(module, prefix string) fiber.Router {
	g.owners[prefix] = module
	return g.App.Group(prefix)
}

// Start listens on the configured address and serves in the background.
func (g *Gateway) Start(context.Context) error {
	ln, err := net.Listen("tcp", g.cfg.Addr)
	if err != nil {
		return err
	}
	g.ln = ln
	g.log.Info("listening", "addr", ln.Addr().String())
	go func() {
		if err := g.App.Listener(ln); err != nil {
			g.log.Error("http server stopped", "error", err)
		}
	}()
	return nil
}

// Addr is the address actually listened on (useful with port 0).
func (g *Gateway) Addr() string { return g.ln.Addr().String() }

// Stop stops accepting and waits for in-flight requests, up to the
// configured shutdown timeout. Connections that carry no request (idle, or
// opened ahead by a client's pool and never used) do not hold it up.
func (g *Gateway) Stop(context.Context) error {
	done := make(chan error, 1)
	go func() { done <- g.App.ShutdownWithTimeout(g.cfg.ShutdownTimeout) }()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			if g.inflight.Load() == 0 {
				return nil
			}
		}
	}
}

// Bind decodes the JSON body into v; errors name the field.
func Bind(c *fiber.Ctx, v any) error { return shared.DecodeJSON(c.Body(), v) }

// ErrorBody is the one shape of every error response.
type ErrorBody struct {
	Error *shared.Error `json:"error"`
}

func (g *Gateway) handleError(c *fiber.Ctx, err error) error {
	var fe *fiber.Error
	var e *shared.Error
	if errors.As(err, &fe) {
		e = &shared.Error{Code: shared.CodeForStatus(fe.Code), Message: fe.Message}
		if fe.Code == fiber.StatusRequestEntityTooLarge {
			e.Field = "body"
		}
	} else {
		e = shared.AsError(err)
	}
	status := e.Code.HTTPStatus()
	if fe != nil {
		status = fe.Code
	}
	if status >= 500 {
		g.log.ErrorContext(c.UserContext(), "request failed", "method", c.Method(), "path", c.Path(), "status", status, "error", err)
		if e.Code == shared.CodeInternal {
			e = &shared.Error{Code: shared.CodeInternal, Message: "internal error"}
		}
	}
	return c.Status(status).JSON(ErrorBody{Error: e})
}
