package host

import (
	"log/slog"
	"sort"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
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
// the faults on HTTP routes. A handler that sets the request's chaos
// cohort must come before them.
func newGateway(cfg gateway.Config, keys *auth.Keys, metrics *telemetry.Metrics, br *broker.Broker, b *bus.Bus, log *slog.Logger,
	f *chaos.Store, urls remoteURLs) *gateway.Gateway {
	return gateway.New(cfg, keys, metrics, br, b, log, f.Routes(forwardedPaths(urls), cfg.HandlerTimeout))
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
