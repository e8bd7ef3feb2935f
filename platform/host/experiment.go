package host

import (
	"log/slog"
	"slices"

	"github.com/gofiber/fiber/v2"
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/saga"
)

// experiments wires steady-state experiments into every process: the
// split at the edge (the first of newGateway's edge handlers),
// the count of ended sagas (the saga engine's end hook), the runner and its
// admin API and console panel. The experiments section comes from the
// binary (cmd/jubako names its checkout route); without it, defaults.
var experiments = fx.Options(
	fx.Provide(
		func(br *broker.Broker) *experiment.Active { return experiment.NewActive(br.Redis) },
		func(br *broker.Broker, log *slog.Logger) *experiment.Recorder {
			return experiment.NewRecorder(br.Redis, log)
		},
		func(br *broker.Broker) *experiment.Store { return experiment.NewStore(br.Redis) },
		newRunner,
	),
	console.AddPanel(experiment.Panel),
)

// countSagaEnds makes the saga engine count the sagas of a run's cohorts
// as they end. A serving process invokes it (not `jubako migrate`, which
// must not need Redis).
func countSagaEnds(e *saga.Engine, rec *experiment.Recorder) { e.OnEnd(rec.SagaEnded) }

type runnerParams struct {
	fx.In
	Lifecycle fx.Lifecycle
	Config    experiment.Config `optional:"true"`
	Store     *experiment.Store
	Active    *experiment.Active
	Recorder  *experiment.Recorder
	// Faults is the chaos store, when this process has one.
	Faults chaos.Faults `optional:"true"`
	Log    *slog.Logger
}

func newRunner(p runnerParams) *experiment.Runner {
	r := experiment.NewRunner(p.Config, p.Store, p.Active, p.Recorder, p.Faults, p.Log)
	p.Lifecycle.Append(fx.StopHook(r.Close))
	return r
}

// mountExperiments serves the experiments' admin API on the admin group.
func mountExperiments(g *gateway.Gateway, r fiber.Router, runner *experiment.Runner) {
	g.Describe("admin", forAdmins(slices.Clone(experiment.Routes)...)...)
	experiment.Mount(r, runner)
}
