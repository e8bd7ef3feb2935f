// Package gateway is the one HTTP front of a process: a fiber app with the
// middleware chain, JSON errors in one shape, and the routes modules mount
// under /api/<module>.
package gateway

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
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
	// errorPages write the errors of the path prefixes of HTML pages.
	errorPages map[string]ErrorPage
	// inflight counts requests being served, for a graceful stop.
	inflight atomic.Int64

	limiter       *limiter
	limiterWarned atomic.Int64
	responses     *responseCache
	invalidation  *invalidation
	// serviceToken marks requests forwarded by the topology's other processes.
	serviceToken string
	// internal serves the calls of other processes (see ServeInternal).
	internal fiber.Handler
	// bus tells which modules the API document describes; api is the
	// document (see ServeAPI).
	bus *bus.Bus
	api apiDoc
}

// New builds the app and its middleware chain, in this order: recover,
// trace (and request id), metrics, access log, security headers and CORS,
// URL check (no NUL, valid UTF-8), rate limit, authentication, the edge
// handlers given (in their order: they see the user, and a cached answer
// does not dodge them), response cache, handler deadline — then the routes
// modules add before Start. Edge handlers run on public routes only.
func New(cfg Config, keys *auth.Keys, metrics *telemetry.Metrics, br *broker.Broker, b *bus.Bus, log *slog.Logger, edge ...fiber.Handler) *Gateway {
	g := &Gateway{cfg: cfg, keys: keys, log: log.With("component", "http"), owners: map[string]string{}, bus: b}
	g.limiter = &limiter{counts: redisCounters{br.Redis}, now: time.Now}
	if br.Embedded != nil {
		g.limiter.counts = newMemoryCounters(time.Now)
	}
	g.responses = newResponseCache(cfg.Cache, time.Now)
	for _, name := range cfg.Cache.unplaced() {
		g.log.Info("cache route not cached here: no module of this process declares it, and it has no path", "route", name)
	}
	g.invalidation = newInvalidation(g.responses, br.Redis, b, g.log)
	g.App = fiber.New(fiber.Config{
		AppName:               "jubako",
		DisableStartupMessage: true,
		BodyLimit:             cfg.BodyLimit,
		ReadTimeout:           cfg.ReadTimeout,
		WriteTimeout:          cfg.WriteTimeout,
		ErrorHandler:          g.handleError,
		// Values from the request (params, headers, cookies) outlive it in
		// spans, metrics and logs: they must not point into reused buffers.
		Immutable:               true,
		ProxyHeader:             cfg.ProxyHeader,
		EnableTrustedProxyCheck: len(cfg.TrustedProxies) > 0,
		TrustedProxies:          cfg.TrustedProxies,
		EnableIPValidation:      true,
	})
	g.App.Use(g.count, recover.New())
	g.App.Post(InternalBusRoute, g.serveInternal)
	g.App.Use(telemetry.HTTP())
	for _, h := range append([]fiber.Handler{metrics.HTTP(), g.accessLog}, g.headers()...) {
		g.App.Use(public(h))
	}
	g.App.Use(public(checkInput))
	if cfg.RateLimit.Enabled {
		g.App.Use(public(g.rateLimit))
	}
	g.App.Use(public(g.authenticate), public(g.stale))
	for _, h := range edge {
		g.App.Use(public(h))
	}
	g.App.Use(public(g.cache), public(g.deadline))
	return g
}

// InternalBusRoute is where other processes of a topology call the
// endpoints this process serves.
const InternalBusRoute = internalPrefix + "bus/:endpoint"

// ServeInternal sets the handler of InternalBusRoute. It runs right after
// recovery, ahead of the edge chain: such a call is traced, counted and
// logged by the bus handlers it reaches, and carries its caller's trace
// context and deadline; the edge would only repeat that work.
func (g *Gateway) ServeInternal(h fiber.Handler) { g.internal = h }

func (g *Gateway) serveInternal(c *fiber.Ctx) error {
	if g.internal == nil {
		return fiber.ErrNotFound
	}
	return g.internal(c)
}

// public applies h to the public routes only: a call between processes on
// /internal is traced, and its bus handlers count and log it, but it needs
// no access log, browser headers, rate limit, user token, cache or
// request deadline (it carries its caller's).
func public(h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if strings.HasPrefix(c.Path(), internalPrefix) {
			return c.Next()
		}
		return h(c)
	}
}

// internalPrefix is where processes call each other's endpoints.
const internalPrefix = "/internal/"

func (g *Gateway) count(c *fiber.Ctx) error {
	g.inflight.Add(1)
	defer g.inflight.Add(-1)
	return c.Next()
}

// API returns the router for /api/<module>.
func (g *Gateway) API(module string) fiber.Router { return g.Route(module, "/api/"+module) }

// Route returns a router for prefix, a public path the module owns (such as
// /api/checkout for orders), and records the ownership. Its requests run
// in the module: their log lines — the access log's included — carry it,
// and so do the bus calls they make, as their caller.
func (g *Gateway) Route(module, prefix string) fiber.Router {
	g.owners[prefix] = module
	return g.App.Group(prefix, ownedBy(module, prefix))
}

// ownedBy puts module in the context of the requests under prefix. The
// group runs it ahead of the routes added to it. Fiber matches a group by
// string prefix (/api/cart would take /api/carts): it checks that prefix
// ends at a path segment.
func ownedBy(module, prefix string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if telemetry.PathUnder(c.Path(), prefix) {
			telemetry.SetModule(c, module)
		}
		return c.Next()
	}
}

// ownerOf is the module owning path (a route's pattern), or "".
func (g *Gateway) ownerOf(path string) string {
	owner, longest := "", 0
	for prefix, m := range g.owners {
		if len(prefix) > longest && telemetry.PathUnder(path, prefix) {
			owner, longest = m, len(prefix)
		}
	}
	return owner
}

// Owners maps each public path prefix registered with API or Route to the
// module serving it.
func (g *Gateway) Owners() map[string]string {
	out := make(map[string]string, len(g.owners))
	for prefix, m := range g.owners {
		out[prefix] = m
	}
	return out
}

// Start builds the API document, listens to cache invalidations, then on
// the configured address, and serves in the background.
func (g *Gateway) Start(ctx context.Context) error {
	if err := g.awaitAPI(); err != nil {
		return fmt.Errorf("gateway: API document: %w", err)
	}
	if err := g.invalidation.start(ctx); err != nil {
		return fmt.Errorf("gateway: subscribe to cache invalidations: %w", err)
	}
	ln, err := net.Listen("tcp", g.cfg.Addr)
	if err != nil {
		g.invalidation.stop()
		return err
	}
	g.ln = ln
	g.log.Info("listening", "addr", ln.Addr().String(), "console", consoleURL(ln.Addr().(*net.TCPAddr)))
	go func() {
		if err := g.App.Listener(ln); err != nil {
			g.log.Error("http server stopped", "error", err)
		}
	}()
	return nil
}

// consoleURL is where a browser on this machine finds the admin console
// (at telemetry.UntracedPrefix) served on addr: localhost when the
// listener takes every interface.
func consoleURL(addr *net.TCPAddr) string {
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + telemetry.UntracedPrefix
}

// Addr is the address actually listened on (useful with port 0).
func (g *Gateway) Addr() string { return g.ln.Addr().String() }

// Stop stops accepting and waits for in-flight requests, up to the
// configured shutdown timeout. Connections that carry no request (idle, or
// opened ahead by a client's pool and never used) do not hold it up.
func (g *Gateway) Stop(context.Context) error {
	defer g.invalidation.stop()
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
