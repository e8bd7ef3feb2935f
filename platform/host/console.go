package host

import (
	"context"
	"log/slog"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/telemetry"
)

// sectionsGroup collects the configuration sections the console shows.
const sectionsGroup = `group:"config_sections"`

type consoleParams struct {
	fx.In
	Gateway *gateway.Gateway
	Keys    *auth.Keys
	// Authenticator comes from the identity module, when it runs here.
	Authenticator auth.Authenticator `optional:"true"`
	Bus           *bus.Bus
	Outbox        *outbox.Outbox
	Broker        *broker.Broker
	Sagas         *saga.Engine
	Telemetry     *telemetry.Telemetry
	Metrics       *telemetry.Metrics
	Health        *Health
	URLs          remoteURLs
	Config        Config
	Log           *slog.Logger
	Faults        chaos.Faults      `optional:"true"`
	Panels        []console.Panel   `group:"console"`
	Sections      []console.Section `group:"config_sections"`
}

// mountConsole serves the admin console at /admin with the panels the
// modules contribute and every configuration section decoded here.
func mountConsole(p consoleParams) error {
	k, err := console.New(console.Deps{
		Keys: p.Keys, Authenticator: p.Authenticator, Bus: p.Bus, Outbox: p.Outbox, Broker: p.Broker, Sagas: p.Sagas,
		Ring: p.Telemetry.Ring, Metrics: p.Metrics.Registry, Readiness: p.Health.consoleChecks,
		Trace: traceFinder(p.Telemetry, p.URLs), Remotes: p.URLs, Faults: p.Faults, Panels: p.Panels,
		Sections: append([]console.Section{{Value: p.Config}}, p.Sections...), Log: p.Log.With("component", "console"),
	})
	if err != nil {
		return err
	}
	k.Mount(p.Gateway.App)
	return nil
}

// consoleChecks is Checks as the console reads them.
func (h *Health) consoleChecks(ctx context.Context) []console.Check {
	checks := h.Checks(ctx)
	out := make([]console.Check, len(checks))
	for i, c := range checks {
		out[i] = console.Check{Name: c.Name, OK: c.OK, Error: c.Error}
	}
	return out
}
