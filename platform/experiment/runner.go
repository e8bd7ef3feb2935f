package experiment

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/shared"
)

// faultGrace is how long a run's faults outlive its duration when nothing
// removes them: a runner that died cannot leave them behind for longer.
const faultGrace = 30 * time.Second

// faultSpread is how long a fault takes to apply in every process when the
// chaos store's change message reaches them (they reload at once); one that
// missed it reloads at its next poll, within chaos's poll interval. The
// split, and so the measurement, starts that long after the faults are
// added.
const faultSpread = 1500 * time.Millisecond

// tick is how often a run checks its abort conditions and saves progress.
const tick = time.Second

// Runner starts and ends experiment runs. A run's loop runs in the
// process that started it; every process splits and counts its traffic.
type Runner struct {
	cfg    Config
	store  *Store
	active *Active
	rec    *Recorder
	faults chaos.Faults
	log    *slog.Logger

	mu    sync.Mutex
	stops map[string]chan string
	wg    sync.WaitGroup
}

// NewRunner returns a runner injecting through faults; nil faults (no
// chaos store in this process) makes Start fail as unavailable.
func NewRunner(cfg Config, store *Store, active *Active, rec *Recorder, faults chaos.Faults, log *slog.Logger) *Runner {
	return &Runner{cfg: cfg, store: store, active: active, rec: rec, faults: faults,
		log: log.With("component", "experiment"), stops: map[string]chan string{}}
}

// Store is where runs and definitions are kept.
func (r *Runner) Store() *Store { return r.store }

// Check normalizes d as Start would, without starting it.
func (r *Runner) Check(d Definition) (Definition, error) { return d.Normalize(r.cfg.CheckoutRoute) }

// Start checks d, splits traffic, injects its faults for the experiment
// cohort and runs it in the background. Another run going on anywhere in
// the topology is shared.CodeConflict.
func (r *Runner) Start(ctx context.Context, d Definition) (Run, error) {
	d, err := r.Check(d)
	if err != nil {
		return Run{}, err
	}
	if r.faults == nil {
		return Run{}, shared.Errorf(shared.CodeUnavailable, "no fault store in this process: experiments cannot inject faults")
	}
	// The split starts once every process applies the faults.
	start := time.Now().UTC().Add(faultSpread)
	run := Run{ID: uuid.NewString(), Name: d.Name, Status: StatusRunning, Phase: PhaseInjecting, Definition: d,
		Started: start, Ends: start.Add(d.Duration.D())}
	claim := activeRun{ID: run.ID, Split: d.Split, From: run.Started, Until: run.Ends}
	ok, err := r.active.claim(ctx, claim, faultSpread+d.Duration.D()+faultGrace)
	if err != nil {
		return Run{}, err
	}
	if !ok {
		cur, _, _ := r.active.running(ctx)
		return Run{}, shared.Errorf(shared.CodeConflict, "experiment run %s is going on: one at a time (stop it first)", cur.ID)
	}
	run.Faults, err = r.inject(ctx, run.ID, d)
	if err != nil {
		_ = r.active.release(context.WithoutCancel(ctx), run.ID)
		return Run{}, err
	}
	if err := r.store.save(ctx, run); err != nil {
		r.removeFaults(run)
		_ = r.active.release(context.WithoutCancel(ctx), run.ID)
		return Run{}, err
	}
	stop := make(chan string, 1)
	r.mu.Lock()
	r.stops[run.ID] = stop
	r.mu.Unlock()
	r.wg.Add(1)
	go r.loop(run, stop)
	r.log.Info("experiment started", "run", run.ID, "name", d.Name, "duration", d.Duration.D(), "faults", len(run.Faults))
	return run, nil
}

// inject adds d's faults for the experiment cohort; on a failure it
// removes those it added.
func (r *Runner) inject(ctx context.Context, id string, d Definition) ([]string, error) {
	var ids []string
	for i, spec := range d.Faults {
		f, err := r.faults.Add(ctx, spec.fault(id, faultSpread+d.Duration.D()+faultGrace))
		if err != nil {
			r.removeFaults(Run{ID: id, Faults: ids})
			if shared.AsError(err).Code == shared.CodeInvalid {
				return nil, within(fmt.Sprintf("faults[%d]", i), err)
			}
			return nil, fmt.Errorf("inject faults[%d]: %w", i, err)
		}
		ids = append(ids, f.ID)
	}
	return ids, nil
}

// removeFaults ends the run's faults now. A fault already gone is fine.
func (r *Runner) removeFaults(run Run) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, id := range run.Faults {
		if err := r.faults.Remove(ctx, id); err != nil && !errors.Is(err, shared.ErrNotFound) {
			r.log.Error("experiment: a fault could not be removed; its TTL ends it", "run", run.ID, "fault", id, "error", err)
		}
	}
}

// Stop aborts run id by hand: at once when it runs here, within a second
// when another process runs it.
func (r *Runner) Stop(ctx context.Context, id string) (Run, error) {
	run, err := r.store.Get(ctx, id)
	if err != nil {
		return Run{}, err
	}
	if run.Status != StatusRunning {
		return run, shared.Errorf(shared.CodeConflict, "experiment run %s is already %s", id, run.Status)
	}
	r.mu.Lock()
	stop, here := r.stops[id]
	r.mu.Unlock()
	if here {
		select {
		case stop <- "stopped by hand":
		default:
		}
		return r.waitEnd(ctx, id)
	}
	if err := r.store.rdb.Set(ctx, stopKey(id), "stopped by hand", time.Hour).Err(); err != nil {
		return Run{}, err
	}
	return r.waitEnd(ctx, id)
}

// waitEnd returns run id once it no longer runs, or as it is after a few
// seconds.
func (r *Runner) waitEnd(ctx context.Context, id string) (Run, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		run, err := r.store.Get(ctx, id)
		if err != nil || run.Status != StatusRunning || time.Now().After(deadline) {
			return run, err
		}
		select {
		case <-ctx.Done():
			return run, nil
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Close aborts the runs of this process, faults removed, and waits for
// their loops.
func (r *Runner) Close(context.Context) error {
	r.mu.Lock()
	for _, stop := range r.stops {
		select {
		case stop <- "the process serving it stopped":
		default:
		}
	}
	r.mu.Unlock()
	r.wg.Wait()
	return nil
}
