package host

import (
	"log/slog"
	"sort"

	"github.com/gofiber/fiber/v2"
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/telemetry"
)

// faults is the fx module of run-time faults: the topology's fault store,
// its bus middleware and its admin API. Its gateway middleware is one of
// newGateway's edge handlers.
var faults = fx.Module("faults",
	fx.Provide(newFaults, func(s *chaos.Store) chaos.Faults { return s }),
	fx.Invoke(useFaults, mountFaults),
)

// newFaults is the topology's fault store, on the shared Redis, following
// it while the process runs.
func newFaults(lc fx.Lifecycle, br *broker.Broker, b *bus.Bus, m *telemetry.Metrics, log *slog.Logger) *chaos.Store {
	s := chaos.NewStore(br.Redis, b, m.Registry, log)
	lc.Append(fx.Hook{OnStart: s.Start, OnStop: s.Stop})
	return s
}

// useFaults makes the faults the innermost link of the bus's chain, so
// that metrics and traces see what they inject.
func useFaults(b *bus.Bus, f *chaos.Store) { b.Use(f.Bus) }

// newGateway is gateway.New with the edge handlers, in their order (after
// authentication, ahead of the response cache and the handler deadline):
// the experiments' cohort split, then the faults on HTTP routes, which
// read the cohort it sets.
func newGateway(cfg gateway.Config, keys *auth.Keys, metrics *telemetry.Metrics, br *broker.Broker, b *bus.Bus, log *slog.Logger,
	f *chaos.Store, urls remoteURLs, active *experiment.Active, rec *experiment.Recorder) *gateway.Gateway {
	var g *gateway.Gateway
	trusted := func(c *fiber.Ctx) bool { return g.Forwarded(c) }
	g = gateway.New(cfg, keys, metrics, br, b, log,
		experiment.Cohorts(active, rec, trusted), f.Routes(forwardedPaths(urls), cfg.HandlerTimeout))
	return g
}

// forwardedPaths are the public path prefixes of the modules served by
// other processes, which this gateway forwards.
func forwardedPaths(urls remoteURLs) []string {
	var out []string
	for m := range urls {
		out = append(out, bus.PathsOf(m)...)
	}
	sort.Strings(out)
	return out
}
