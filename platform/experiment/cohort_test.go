package experiment_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/experiment"
)

func TestAssignIsStableAndSplitsAsAsked(t *testing.T) {
	for _, split := range []float64{0.5, 0.2, 0.9} {
		t.Run(fmt.Sprint(split), func(t *testing.T) {
			const n = 20000
			experimental := 0
			for i := range n {
				visitor := fmt.Sprintf("guest-%08d", i)
				got := experiment.Assign("run-1", visitor, split)
				if again := experiment.Assign("run-1", visitor, split); again != got {
					t.Fatalf("%s moved from %s to %s", visitor, got, again)
				}
				if got == chaos.CohortExperiment {
					experimental++
				}
			}
			if share := float64(experimental) / n; math.Abs(share-split) > 0.02 {
				t.Fatalf("experiment cohort share = %.3f, want %.2f ± 0.02", share, split)
			}
		})
	}
	moved := 0
	for i := range 1000 {
		v := fmt.Sprintf("user-%d", i)
		if experiment.Assign("run-1", v, 0.5) != experiment.Assign("run-2", v, 0.5) {
			moved++
		}
	}
	if moved < 350 || moved > 650 {
		t.Fatalf("%d of 1000 visitors changed cohort between runs, want about half: each run draws afresh", moved)
	}
}

func TestRunTravelsInBaggage(t *testing.T) {
	ctx := experiment.WithRun(context.Background(), "run-1", chaos.CohortControl)
	if run, cohort := experiment.RunOf(ctx); run != "run-1" || cohort != chaos.CohortControl {
		t.Fatalf("RunOf = %q %q", run, cohort)
	}
	if chaos.CohortOf(ctx) != chaos.CohortControl {
		t.Fatal("the chaos package does not see the cohort")
	}
	if run, cohort := experiment.RunOf(experiment.WithRun(ctx, "", "")); run != "" || cohort != "" {
		t.Fatalf("after leaving the run: %q %q", run, cohort)
	}
}
