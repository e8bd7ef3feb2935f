package saga

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// forward runs one attempt of the current step and decides what follows.
func (e *Engine) forward(ctx context.Context, r runner, row *sagaRow) error {
	started := db.Now()
	pivoted := r.pivotIndex() >= 0 && row.Step > r.pivotIndex()
	// The pivot cannot be compensated, so it is retried until it answers
	// for sure, deadline or not: it may have happened before a crash.
	mustFinish := pivoted || row.Step == r.pivotIndex()
	if !mustFinish && started.After(row.Deadline) {
		reason := fmt.Sprintf("deadline passed before step %s could run", r.stepName(row.Step))
		l := stepRow{Step: r.stepName(row.Step), Phase: phaseForward, Status: LogFailed, Attempt: row.Attempt, Error: reason, StartedAt: started}
		return e.fail(ctx, r, row, l, row.Step, reason)
	}
	state, err := e.attempt(ctx, r, row, false)
	l := stepRow{Step: r.stepName(row.Step), Phase: phaseForward, Attempt: row.Attempt, StartedAt: started, Error: errorText(err)}
	switch {
	case err == nil:
		l.Status = LogSucceeded
		return e.succeed(ctx, r, row, l, state)
	case shared.Retryable(err) && (mustFinish || (row.Attempt < e.cfg.MaxAttempts && time.Now().Before(row.Deadline))):
		l.Status = LogFailed
		return e.retry(ctx, row, l, mustFinish && row.Attempt >= e.cfg.MaxAttempts)
	case pivoted:
		l.Status = LogFailed
		row.Stuck, row.LastError = true, l.Error
		return e.commit(ctx, row, l, noop)
	default:
		l.Status = LogFailed
		from := row.Step - 1
		if shared.Retryable(err) {
			from = row.Step // the outcome is unknown: compensate this step too
		}
		return e.fail(ctx, r, row, l, from, failureReason(r, row, err))
	}
}

func (e *Engine) succeed(ctx context.Context, r runner, row *sagaRow, l stepRow, state []byte) error {
	step := row.Step
	row.State, row.LastError, row.Stuck = string(state), "", false
	if step == r.steps()-1 {
		now := db.Now()
		row.Status, row.FinishedAt = StatusCompleted, &now
	} else {
		row.Step, row.Attempt = step+1, 1
	}
	return e.commit(ctx, row, l, func(tx *gorm.DB) error {
		if err := r.then(ctx, tx, step, row.ID, state); err != nil {
			return err
		}
		if row.Status == StatusCompleted {
			return nil
		}
		return e.send(ctx, tx, row, time.Time{})
	})
}

// retry schedules the next attempt of the current step after a backoff.
func (e *Engine) retry(ctx context.Context, row *sagaRow, l stepRow, stuck bool) error {
	delay := e.cfg.backoff(row.Attempt)
	row.Attempt++
	row.LastError, row.Stuck = l.Error, stuck
	return e.commit(ctx, row, l, func(tx *gorm.DB) error { return e.send(ctx, tx, row, time.Now().Add(delay)) })
}

// fail starts compensating from step from (inclusive) downwards.
func (e *Engine) fail(ctx context.Context, r runner, row *sagaRow, l stepRow, from int, reason string) error {
	row.Reason, row.LastError = reason, l.Error
	return e.commit(ctx, row, l, func(tx *gorm.DB) error { return e.compensateFrom(ctx, tx, r, row, from) })
}

// compensateFrom moves row to the highest step ≤ from that has an Undo, or
// ends the saga CANCELLED when none is left. It runs inside the saga's
// transaction after save, so it writes the row itself.
func (e *Engine) compensateFrom(ctx context.Context, tx *gorm.DB, r runner, row *sagaRow, from int) error {
	next := from
	for next >= 0 && !r.hasUndo(next) {
		next--
	}
	if next < 0 {
		state, err := r.cancelled(ctx, tx, row.ID, []byte(row.State), row.Reason)
		if err != nil {
			return err
		}
		now := db.Now()
		row.State, row.Status, row.Phase, row.FinishedAt, row.Stuck = string(state), StatusCancelled, phaseCompensate, &now, false
		return saveOrRace(tx, row)
	}
	row.Status, row.Phase, row.Step, row.Attempt, row.Stuck = StatusCompensating, phaseCompensate, next, 1, false
	if err := saveOrRace(tx, row); err != nil {
		return err
	}
	return e.send(ctx, tx, row, time.Time{})
}

func failureReason(r runner, row *sagaRow, err error) string {
	e := shared.AsError(err)
	msg := e.Message
	if what := strings.ReplaceAll(e.Reason, "_", " "); what != "" && !strings.Contains(msg, what) {
		msg = what + ": " + msg
	}
	if shared.Retryable(err) {
		return fmt.Sprintf("%s failed after %d attempts: %s", r.stepName(row.Step), row.Attempt, msg)
	}
	return fmt.Sprintf("%s failed: %s", r.stepName(row.Step), msg)
}

func noop(*gorm.DB) error { return nil }
