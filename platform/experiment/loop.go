package experiment

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jubako/jubako/platform/chaos"
)

// loop runs run to its end: every tick it measures both cohorts, checks
// the abort conditions and saves the progress; at the end of the duration
// it removes the faults, stops the split, waits for the cohorts' sagas to
// end and gives the verdicts.
func (r *Runner) loop(run Run, stop chan string) {
	defer r.wg.Done()
	defer func() {
		r.mu.Lock()
		delete(r.stops, run.ID)
		r.mu.Unlock()
	}()
	ctx := context.Background()
	t := time.NewTicker(tick)
	defer t.Stop()
	end := time.NewTimer(time.Until(run.Ends))
	defer end.Stop()
	for injecting := true; injecting; {
		select {
		case reason := <-stop:
			r.end(ctx, &run, StatusAborted, reason, false)
			return
		case <-end.C:
			injecting = false
		case <-t.C:
			if reason := r.check(ctx, &run); reason != "" {
				r.end(ctx, &run, StatusAborted, reason, false)
				return
			}
		}
	}
	// The split ends first: no request of the experiment cohort is
	// measured without its faults.
	r.release(ctx, run)
	r.removeFaults(run)
	run.Phase = PhaseSettling
	r.settle(ctx, &run, stop)
	r.end(ctx, &run, StatusFinished, "", true)
}

// check measures the run so far, saves it, and returns why it must abort:
// a stop asked from another process, or a breached condition.
func (r *Runner) check(ctx context.Context, run *Run) string {
	if reason, err := r.store.rdb.Get(ctx, stopKey(run.ID)).Result(); err == nil {
		return reason
	} else if !errors.Is(err, redis.Nil) {
		r.log.Warn("experiment: read stop flag", "run", run.ID, "error", err)
	}
	_, experiment, err := r.measure(ctx, run, false)
	if err != nil {
		r.log.Warn("experiment: measure", "run", run.ID, "error", err)
		return ""
	}
	for i, c := range run.Definition.AbortWhen {
		if f, bad := breached(c, experiment, run.Definition.MinSample); bad {
			return fmt.Sprintf("abort_when[%d]: %s", i, describeBreach(c, f))
		}
	}
	r.save(ctx, *run)
	return ""
}

func describeBreach(c Condition, f Figure) string {
	what := c.Metric
	if c.Route != "" && c.Metric != MetricSagaCompletion {
		what += " of " + c.Route
	}
	if c.Below != nil {
		return fmt.Sprintf("the experiment cohort's %s fell to %.3g, below %g (%d measured)", what, f.Value, *c.Below, f.Sample)
	}
	return fmt.Sprintf("the experiment cohort's %s rose to %.3g, above %g (%d measured)", what, f.Value, *c.Above, f.Sample)
}

// settle waits, up to the definition's settle time, until the checkouts
// both cohorts started have their saga ended and no more sagas end.
func (r *Runner) settle(ctx context.Context, run *Run, stop chan string) {
	deadline := time.NewTimer(run.Definition.Settle.D())
	defer deadline.Stop()
	t := time.NewTicker(tick)
	defer t.Stop()
	last := int64(-1)
	for {
		control, experiment, err := r.measure(ctx, run, false)
		if err == nil {
			r.save(ctx, *run)
			ended := control[fieldSagaEnded(anySaga)] + experiment[fieldSagaEnded(anySaga)]
			if ended == last && settled(run.Definition, control, experiment) {
				return
			}
			last = ended
		}
		select {
		case <-deadline.C:
			return
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// settled tells whether no checkout of the definition's lines waits for
// its saga.
func settled(d Definition, cohorts ...counts) bool {
	for _, l := range d.Hypothesis {
		if l.Metric != MetricCheckoutSuccess {
			continue
		}
		for _, c := range cohorts {
			if c.pending(l.Route, l.Saga) > 0 {
				return false
			}
		}
	}
	return true
}

// end ends run with status: faults removed first, the split stopped, then
// the verdicts from the figures — final counts checkouts whose saga has
// not ended as failed — saved.
func (r *Runner) end(ctx context.Context, run *Run, status, reason string, final bool) {
	r.removeFaults(*run)
	r.release(ctx, *run)
	if _, _, err := r.measure(ctx, run, final); err != nil {
		r.log.Error("experiment: measure at the end", "run", run.ID, "error", err)
	}
	now := time.Now().UTC()
	run.Status, run.Phase, run.Reason, run.Ended = status, "", reason, &now
	r.save(ctx, *run)
	r.store.rdb.Del(ctx, stopKey(run.ID))
	r.log.Info("experiment ended", "run", run.ID, "status", status, "verdict", run.Verdict, "reason", reason)
}

func (r *Runner) release(ctx context.Context, run Run) {
	if err := r.active.release(ctx, run.ID); err != nil {
		r.log.Warn("experiment: release the split; it ends by its TTL", "run", run.ID, "error", err)
	}
}

func (r *Runner) save(ctx context.Context, run Run) {
	if err := r.store.save(ctx, run); err != nil {
		r.log.Warn("experiment: save run", "run", run.ID, "error", err)
	}
}

// measure reads both cohorts' counts and fills run's figures and verdicts.
func (r *Runner) measure(ctx context.Context, run *Run, final bool) (control, experiment counts, err error) {
	if control, err = r.rec.counts(ctx, run.ID, chaos.CohortControl); err != nil {
		return nil, nil, err
	}
	if experiment, err = r.rec.counts(ctx, run.ID, chaos.CohortExperiment); err != nil {
		return nil, nil, err
	}
	d := run.Definition
	run.Lines = make([]LineResult, len(d.Hypothesis))
	run.Control, run.Experiment = summary(control), summary(experiment)
	for i, l := range d.Hypothesis {
		run.Lines[i] = judge(l, control, experiment, d.MinSample, final)
		run.Control.Figures = append(run.Control.Figures, run.Lines[i].Control)
		run.Experiment.Figures = append(run.Experiment.Figures, run.Lines[i].Experiment)
	}
	run.Verdict = overall(run.Lines)
	return control, experiment, nil
}

func summary(c counts) Cohort {
	s := Cohort{SagasEnded: c[fieldSagaEnded(anySaga)]}
	for k, n := range c {
		if strings.HasPrefix(k, "http|") && strings.HasSuffix(k, "|n") {
			s.Requests += n
		}
	}
	return s
}
