package experiment_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/shared"
)

// memFaults is an in-memory chaos.Faults for the runner's unit tests (the
// system suite injects through the real store).
type memFaults struct {
	mu     sync.Mutex
	faults map[string]chaos.Fault
	next   int
}

func (m *memFaults) Add(_ context.Context, f chaos.Fault) (chaos.Fault, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next++
	f.ID = fmt.Sprint(m.next)
	m.faults[f.ID] = f
	return f, nil
}

func (m *memFaults) Remove(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.faults[id]; !ok {
		return shared.Errorf(shared.CodeNotFound, "no fault %s", id)
	}
	delete(m.faults, id)
	return nil
}

func (m *memFaults) List(context.Context) ([]chaos.Fault, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []chaos.Fault
	for _, f := range m.faults {
		out = append(out, f)
	}
	return out, nil
}

func (m *memFaults) Halt(context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	clear(m.faults)
	return nil
}

type rig struct {
	runner *experiment.Runner
	rec    *experiment.Recorder
	faults *memFaults
}

func newRig(t *testing.T) rig {
	rdb := redis.NewClient(&redis.Options{Addr: miniredis.RunT(t).Addr()})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f := &memFaults{faults: map[string]chaos.Fault{}}
	rec := experiment.NewRecorder(rdb, log)
	r := experiment.NewRunner(experiment.Config{CheckoutRoute: "POST /api/buy"}, experiment.NewStore(rdb), experiment.NewActive(rdb), rec, f, log)
	t.Cleanup(func() { _ = r.Close(context.Background()) })
	return rig{runner: r, rec: rec, faults: f}
}

func definition(abort experiment.Conditions) experiment.Definition {
	return experiment.Definition{
		Name:       "errors",
		Hypothesis: []experiment.Line{{Metric: experiment.MetricRouteErrors, Route: "GET /p", MaxDelta: 0.1}},
		Faults:     []experiment.FaultSpec{{Target: "GET /p", Kind: chaos.KindError}},
		Duration:   experiment.Duration(1500 * time.Millisecond), Settle: experiment.Duration(time.Second),
		AbortWhen: abort,
	}
}

// traffic answers n requests of GET /p per cohort, failing those of the
// experiment cohort when fail.
func (r rig) traffic(run string, n int, fail bool) {
	ctx := context.Background()
	for range n {
		r.rec.Request(ctx, run, chaos.CohortControl, "GET /p", 200, 5*time.Millisecond)
		status := 200
		if fail {
			status = 503
		}
		r.rec.Request(ctx, run, chaos.CohortExperiment, "GET /p", status, 5*time.Millisecond)
	}
}

func (r rig) wait(t *testing.T, id string) experiment.Run {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		run, err := r.runner.Store().Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if run.Status != experiment.StatusRunning {
			return run
		}
		if time.Now().After(deadline) {
			t.Fatalf("run still %s %s", run.Status, run.Phase)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestRunnerGivesVerdicts(t *testing.T) {
	for _, c := range []struct {
		name string
		fail bool
		want string
	}{{"absorbed", false, experiment.Held}, {"not absorbed", true, experiment.Deviated}} {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t)
			run, err := r.runner.Start(context.Background(), definition(nil))
			if err != nil {
				t.Fatal(err)
			}
			if fs, _ := r.faults.List(context.Background()); len(fs) != 1 || fs[0].Cohort != chaos.CohortExperiment || fs[0].Experiment != run.ID || fs[0].TTL < 1500*time.Millisecond {
				t.Fatalf("faults while running: %+v", fs)
			}
			r.traffic(run.ID, 20, c.fail)
			got := r.wait(t, run.ID)
			if got.Status != experiment.StatusFinished || got.Verdict != c.want {
				t.Fatalf("run ended %s %s, want finished %s: %+v", got.Status, got.Verdict, c.want, got.Lines)
			}
			if got.Control.Figures[0].Sample != 20 || got.Experiment.Figures[0].Sample != 20 {
				t.Fatalf("figures: %+v / %+v", got.Control, got.Experiment)
			}
			if fs, _ := r.faults.List(context.Background()); len(fs) != 0 {
				t.Fatalf("faults left after the run: %+v", fs)
			}
		})
	}
}

func TestRunnerAbortsOnItsCondition(t *testing.T) {
	r := newRig(t)
	above := 0.5
	d := definition(experiment.Conditions{{Metric: experiment.MetricRouteErrors, Route: "GET /p", Above: &above}})
	d.Duration = experiment.Duration(time.Minute)
	run, err := r.runner.Start(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.runner.Start(context.Background(), d); !errors.Is(err, shared.ErrConflict) {
		t.Fatalf("second run: %v, want conflict", err)
	}
	r.traffic(run.ID, 10, true)
	got := r.wait(t, run.ID)
	if got.Status != experiment.StatusAborted || got.Verdict != experiment.Deviated || got.Reason == "" {
		t.Fatalf("run: %s %s %q", got.Status, got.Verdict, got.Reason)
	}
	if fs, _ := r.faults.List(context.Background()); len(fs) != 0 {
		t.Fatalf("faults left after the abort: %+v", fs)
	}
	if _, err := r.runner.Start(context.Background(), definition(nil)); err != nil {
		t.Fatalf("a run after the abort: %v", err)
	}
}

func TestRunnerStopsByHand(t *testing.T) {
	r := newRig(t)
	d := definition(nil)
	d.Duration = experiment.Duration(time.Minute)
	run, err := r.runner.Start(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.runner.Stop(context.Background(), run.ID)
	if err != nil || got.Status != experiment.StatusAborted || got.Reason != "stopped by hand" {
		t.Fatalf("stop: %v %+v", err, got)
	}
	if fs, _ := r.faults.List(context.Background()); len(fs) != 0 {
		t.Fatalf("faults left after the stop: %+v", fs)
	}
	if _, err := r.runner.Stop(context.Background(), run.ID); !errors.Is(err, shared.ErrConflict) {
		t.Fatalf("stopping again: %v, want conflict", err)
	}
}
