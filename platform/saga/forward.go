package saga

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// forward runs one attempt of step i, the current one, and decides what
// follows.
func (e *Engine) forward(ctx context.Context, r runner, row *sagaRow, i int) error {
	started := db.Now()
	step := r.steps()[i]
	// The pivot cannot be compensated, so it is retried until it answers
	// for sure, deadline or not: it may have happened before a crash.
	mustFinish := row.Pivoted || step.pivot
	if !mustFinish && started.After(row.Deadline) {
		reason := fmt.Sprintf("deadline passed before step %s could run", step.name)
		l := stepRow{Step: step.name, Phase: phaseForward, Status: LogFailed, Attempt: row.Attempt, Error: reason, StartedAt: started}
		return e.fail(ctx, r, row, l, true, reason)
	}
	state, err := e.attempt(ctx, r, row, i, false)
	l := stepRow{Step: step.name, Phase: phaseForward, Attempt: row.Attempt, StartedAt: started, Error: errorText(err)}
	switch {
	case err == nil:
		l.Status = LogSucceeded
		return e.succeed(ctx, r, row, i, l, state)
	case errors.Is(err, bus.ErrCircuitOpen) && (mustFinish || time.Now().Before(row.Deadline)):
		// The call never reached the provider: the step waits for the
		// breaker to let it through, its attempts untouched.
		l.Status = LogFailed
		row.Refused++
		return e.retry(ctx, row, l, row.Stuck)
	case shared.Retryable(err) && (mustFinish || (row.tries() < e.cfg.MaxAttempts && time.Now().Before(row.Deadline))):
		l.Status = LogFailed
		return e.retry(ctx, row, l, mustFinish && row.tries() >= e.cfg.MaxAttempts)
	case row.Pivoted:
		l.Status = LogFailed
		row.Stuck, row.LastError = true, l.Error
		return e.commit(ctx, row, l, noop)
	default:
		// A step failing retryably may have happened: its outcome is
		// unknown, so it is compensated too.
		l.Status = LogFailed
		return e.fail(ctx, r, row, l, shared.Retryable(err), failureReason(step, row, err))
	}
}

// succeed records step i as done and moves on to the next step of the
// definition that the saga has not done yet — a step inserted before the
// current one by a deploy is not run — or ends the saga COMPLETED.
func (e *Engine) succeed(ctx context.Context, r runner, row *sagaRow, i int, l stepRow, state []byte) error {
	step := r.steps()[i]
	row.State, row.LastError, row.Stuck = string(state), "", false
	row.Done = append(row.Done, step.id)
	row.Pivoted = row.Pivoted || step.pivot
	next := slices.IndexFunc(r.steps()[i+1:], func(m stepMeta) bool { return !slices.Contains(row.Done, m.id) })
	if next < 0 {
		now := db.Now()
		row.Status, row.FinishedAt = StatusCompleted, &now
	} else {
		row.StepID, row.Attempt, row.Refused = r.steps()[i+1+next].id, 1, 0
	}
	return e.commit(ctx, row, l, func(tx *gorm.DB) error {
		if err := r.then(ctx, tx, i, row.ID, state); err != nil {
			return err
		}
		if row.Status == StatusCompleted {
			return nil
		}
		return e.send(ctx, tx, row, time.Time{})
	})
}

// retry schedules the next attempt of the current step after a backoff
// that grows with the tries that reached the provider.
func (e *Engine) retry(ctx context.Context, row *sagaRow, l stepRow, stuck bool) error {
	delay := e.cfg.backoff(max(row.tries(), 1))
	row.Attempt++
	row.LastError, row.Stuck = l.Error, stuck
	return e.commit(ctx, row, l, func(tx *gorm.DB) error { return e.send(ctx, tx, row, time.Now().Add(delay)) })
}

// fail starts compensating the done steps, and the current one too when
// withCurrent.
func (e *Engine) fail(ctx context.Context, r runner, row *sagaRow, l stepRow, withCurrent bool, reason string) error {
	row.Reason, row.LastError = reason, l.Error
	return e.commit(ctx, row, l, func(tx *gorm.DB) error { return e.compensateNext(ctx, tx, r, row, withCurrent) })
}

func failureReason(step stepMeta, row *sagaRow, err error) string {
	msg := shared.AsError(err).Explained()
	if shared.Retryable(err) {
		return fmt.Sprintf("%s failed after %d attempts: %s", step.name, row.tries(), msg)
	}
	return fmt.Sprintf("%s failed: %s", step.name, msg)
}

func noop(*gorm.DB) error { return nil }
