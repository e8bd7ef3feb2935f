package experiment

import (
	"context"
	"crypto/sha256"
	"encoding/binary"

	"go.opentelemetry.io/otel/baggage"

	"github.com/jubako/jubako/platform/chaos"
)

// Assign returns the cohort of visitor in run: a stable hash of the run id
// and the visitor's id puts a share split of the visitors in the
// experiment cohort, the others in control. The same visitor stays in one
// cohort for the whole run; another run draws its cohorts afresh.
func Assign(run, visitor string, split float64) string {
	sum := sha256.Sum256([]byte(run + "\x00" + visitor))
	// The top 53 bits as a fraction in [0, 1).
	if float64(binary.BigEndian.Uint64(sum[:8])>>11)/(1<<53) < split {
		return chaos.CohortExperiment
	}
	return chaos.CohortControl
}

// runMember is the baggage member naming the run a cohort belongs to, so
// that whatever process ends the request's work counts it for that run.
const runMember = "jubako.experiment"

// WithRun returns ctx in run's cohort; run "" takes ctx out of any run.
func WithRun(ctx context.Context, run, cohort string) context.Context {
	bag := baggage.FromContext(ctx).DeleteMember(runMember)
	if run != "" {
		if m, err := baggage.NewMemberRaw(runMember, run); err == nil {
			if b, err := bag.SetMember(m); err == nil {
				bag = b
			}
		}
	}
	return chaos.WithCohort(baggage.ContextWithBaggage(ctx, bag), cohort)
}

// RunOf returns the run and cohort of ctx, empty outside any run.
func RunOf(ctx context.Context) (run, cohort string) {
	run, cohort = baggage.FromContext(ctx).Member(runMember).Value(), chaos.CohortOf(ctx)
	if run == "" || (cohort != chaos.CohortControl && cohort != chaos.CohortExperiment) {
		return "", ""
	}
	return run, cohort
}

func runMemberOf(ctx context.Context) string {
	return baggage.FromContext(ctx).Member(runMember).Value()
}

// Strip takes ctx out of any run and cohort: for what comes from outside
// the topology carrying baggage of its own, and for what the edge receives
// from a client.
func Strip(ctx context.Context) context.Context {
	if chaos.CohortOf(ctx) == "" && runMemberOf(ctx) == "" {
		return ctx
	}
	return WithRun(ctx, "", "")
}
