// Package console is jubako's web admin console at /admin: server-rendered
// pages (html/template, htmx for the parts that update live) over the
// platform's own machinery — the bus registry and its traffic, health,
// the outbox and asynq queues, dead letters, sagas, traces and the
// effective configuration. It knows no module: modules add pages of their
// own as Panels contributed through fx (see AddPanel).
//
// Every page needs an admin's session (a JWT in an HttpOnly, SameSite=Strict
// cookie, issued after logging in through the auth.Authenticator the
// identity module provides) and every action a CSRF token bound to it.
package console

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/telemetry"
)

// Prefix is where the console is served.
const Prefix = "/admin"

// Check is one line of the process's readiness report.
type Check struct {
	Name  string
	OK    bool
	Error string
}

// Deps is what the console reads and acts on. Authenticator may be nil:
// the login page then says that no module here checks passwords.
type Deps struct {
	Keys          *auth.Keys
	Authenticator auth.Authenticator
	Bus           *bus.Bus
	Outbox        *outbox.Outbox
	Broker        *broker.Broker
	Sagas         *saga.Engine
	Ring          *telemetry.Ring
	// Metrics is the process's Prometheus registry (jubako_bus_calls_total).
	Metrics prometheus.Gatherer
	// Readiness runs the process's readiness checks (module:<m> for each
	// remote module).
	Readiness func(context.Context) []Check
	// Trace gathers a trace's spans here and in remote modules' processes,
	// asking them with authorization (an admin's bearer token).
	Trace func(ctx context.Context, id, authorization string) []telemetry.Span
	// Remotes maps each module served by another process to its address.
	Remotes map[string]string
	// Faults are the topology's faults (nil: the Faults page says there
	// are none here).
	Faults   chaos.Faults
	Panels   []Panel
	Sections []Section
	Log      *slog.Logger
}

// Console serves the pages.
type Console struct {
	d       Deps
	views   *views
	colors  colors
	traffic *traffic
	panels  map[string]Panel
}

// New checks the panels and compiles the templates.
func New(d Deps) (*Console, error) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	k := &Console{d: d, colors: newColors(knownModules(d)), traffic: newTraffic(d.Metrics), panels: map[string]Panel{}}
	v, err := loadViews(k.colors.of)
	if err != nil {
		return nil, err
	}
	k.views = v
	for _, p := range d.Panels {
		if err := p.check(); err != nil {
			return nil, err
		}
		if other, dup := k.panels[p.Path]; dup {
			return nil, fmt.Errorf("console: panels of %s and %s both want /admin/panels/%s", other.Module, p.Module, p.Path)
		}
		k.panels[p.Path] = p
	}
	return k, nil
}

// knownModules are the modules of the topology: those the bus runs here
// and the remote ones.
func knownModules(d Deps) map[string]bool {
	known := map[string]bool{}
	if d.Bus != nil {
		for _, m := range d.Bus.Registry().Modules {
			known[m] = true
		}
	}
	for m := range d.Remotes {
		known[m] = true
	}
	return known
}

// Mount serves the console on app under Prefix.
func (k *Console) Mount(app *fiber.App) {
	r := app.Group(Prefix, k.headers)
	r.Get("/static/*", k.static)
	r.Get("/login", k.loginPage)
	r.Post("/login", k.login)

	s := r.Group("", k.requireAdmin)
	s.Post("/logout", k.logout)
	s.Get("/", k.page("overview", "Overview", k.overview))
	s.Get("/live/overview", k.live("overview", k.overview))
	s.Get("/map", k.page("map", "Module map", k.moduleMap))
	s.Get("/live/map", k.live("map", k.moduleMap))
	s.Get("/messages", k.page("messages", "Messages", k.messages))
	s.Get("/live/messages", k.live("messages", k.messages))
	s.Post("/deadletters/:queue/:id/resubmit", k.resubmit)
	s.Delete("/deadletters/:queue/:id", k.discard)
	s.Get("/sagas", k.page("sagas", "Sagas", k.sagaList))
	s.Get("/live/sagas", k.live("sagas", k.sagaList))
	s.Get("/sagas/:id", k.page("saga", "Saga", k.sagaDetail))
	s.Get("/live/sagas/:id", k.live("saga", k.sagaDetail))
	s.Post("/sagas/:id/retry", k.retrySaga)
	s.Post("/sagas/:id/compensate", k.compensateSaga)
	s.Get("/traces", k.page("traces", "Traces", k.traceList))
	s.Get("/live/traces", k.live("traces", k.traceList))
	s.Get("/traces/:id", k.page("trace", "Trace", k.traceDetail))
	s.Get("/faults", k.page("faults", "Faults", k.faultList))
	s.Get("/live/faults", k.live("faults", k.faultList))
	s.Post("/faults", k.addFault)
	s.Delete("/faults/:id", k.removeFault)
	s.Delete("/faults", k.haltFaults)
	s.Get("/config", k.page("config", "Configuration", k.settings))
	for _, method := range []string{fiber.MethodGet, fiber.MethodPost, fiber.MethodPut, fiber.MethodPatch, fiber.MethodDelete} {
		s.Add(method, "/panels/*", k.panel)
	}
}

// headers keep console pages out of caches and frames, and scripts to the
// console's own files.
func (k *Console) headers(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
		"img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	c.Set("X-Frame-Options", "DENY")
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("Referrer-Policy", "no-referrer")
	if !strings.HasPrefix(c.Path(), Prefix+"/static/") {
		c.Set("Cache-Control", "no-store")
	}
	return c.Next()
}
