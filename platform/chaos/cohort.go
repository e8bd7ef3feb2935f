package chaos

import (
	"context"

	"go.opentelemetry.io/otel/baggage"
)

// The cohorts. A request outside any experiment has no cohort: only faults
// for CohortAll reach it.
const (
	CohortAll        = "all"
	CohortControl    = "control"
	CohortExperiment = "experiment"
)

// cohortMember is the baggage member that carries a request's cohort: it
// travels with the trace context over the remote transport, gRPC and the
// outbox, so a saga step run later in another process keeps its cohort.
const cohortMember = "jubako.cohort"

// WithCohort returns ctx with its cohort set (CohortControl or
// CohortExperiment); "" removes it.
func WithCohort(ctx context.Context, cohort string) context.Context {
	bag := baggage.FromContext(ctx)
	if cohort == "" {
		return baggage.ContextWithBaggage(ctx, bag.DeleteMember(cohortMember))
	}
	m, err := baggage.NewMemberRaw(cohortMember, cohort)
	if err != nil {
		return ctx
	}
	bag, err = bag.SetMember(m)
	if err != nil {
		return ctx
	}
	return baggage.ContextWithBaggage(ctx, bag)
}

// CohortOf returns the cohort of ctx, or "".
func CohortOf(ctx context.Context) string {
	return baggage.FromContext(ctx).Member(cohortMember).Value()
}
