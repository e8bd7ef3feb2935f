package host

import (
	"log/slog"
	"sort"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/telemetry"
)

// edge is the fx module that adds the platform's middleware to the bus and
// the gateway. host places it ahead of the modules, so that its gateway
// middleware runs ahead of their routes.
var edge = fx.Module("edge",
	fx.Provide(newFaults, func(s *chaos.Store) chaos.Faults { return s }),
	fx.Invoke(useEdge),
)

// newFaults is the topology's fault store, on the shared Redis, following
// it while the process runs.
func newFaults(lc fx.Lifecycle, br *broker.Broker, b *bus.Bus, m *telemetry.Metrics, log *slog.Logger) *chaos.Store {
	s := chaos.NewStore(br.Redis, b, m.Registry, log)
	lc.Append(fx.Hook{OnStart: s.Start, OnStop: s.Stop})
	return s
}

// useEdge installs, in the order they run: the faults on the bus — the
// innermost link of its chain, so that metrics and traces see what they
// inject — and on the gateway, after its handler deadline. A middleware
// that must run ahead of the route faults (one that sets the request's
// chaos cohort) goes before g.Use(f.Routes…) here.
func useEdge(b *bus.Bus, g *gateway.Gateway, f *chaos.Store, urls remoteURLs) {
	b.Use(f.Bus)
	g.Use(f.Routes(forwardedPaths(urls)))
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
