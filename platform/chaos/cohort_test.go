package chaos_test

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/propagation"

	"github.com/jubako/jubako/platform/chaos"
)

func TestCohortTravelsInBaggage(t *testing.T) {
	ctx := chaos.WithCohort(context.Background(), chaos.CohortExperiment)
	carrier := propagation.MapCarrier{}
	propagation.Baggage{}.Inject(ctx, carrier)
	got := chaos.CohortOf(propagation.Baggage{}.Extract(context.Background(), carrier))
	if got != chaos.CohortExperiment {
		t.Fatalf("cohort after a hop = %q, want %q (headers %v)", got, chaos.CohortExperiment, carrier)
	}
	if got := chaos.CohortOf(chaos.WithCohort(ctx, "")); got != "" {
		t.Fatalf("cohort after removal = %q, want none", got)
	}
	if got := chaos.CohortOf(context.Background()); got != "" {
		t.Fatalf("cohort of a bare context = %q, want none", got)
	}
}
