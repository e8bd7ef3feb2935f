package saga

import (
	"context"
	"errors"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// compensate runs one attempt of the Undo of step i, the current one. A
// failed compensation is retried with backoff for as long as it takes;
// after MaxAttempts the saga shows as stuck meanwhile.
func (e *Engine) compensate(ctx context.Context, r runner, row *sagaRow, i int) error {
	started := db.Now()
	state, err := e.attempt(ctx, r, row, i, true)
	l := stepRow{Step: r.steps()[i].name, Phase: phaseCompensate, Attempt: row.Attempt, StartedAt: started, Error: errorText(err)}
	if err != nil {
		l.Status = LogCompensationFailed
		if errors.Is(err, bus.ErrCircuitOpen) {
			row.Refused++
		}
		return e.retry(ctx, row, l, row.tries() >= e.cfg.MaxAttempts)
	}
	l.Status = LogCompensated
	row.State, row.LastError = string(state), ""
	return e.commit(ctx, row, l, func(tx *gorm.DB) error { return e.compensateNext(ctx, tx, r, row, false) })
}

// compensateNext moves row to the next step to undo — the current one when
// withCurrent, then the done steps, the latest first — skipping steps
// without an Undo, or ends the saga CANCELLED when none is left. The order
// is the saga's own history, not the definition's, so after a deploy it
// undoes exactly what was done. A done step the definition no longer has
// is not skipped (it may have had an Undo): it becomes the current step,
// and the saga shows stuck when its message comes. compensateNext runs
// inside the saga's transaction after save, so it writes the row itself.
func (e *Engine) compensateNext(ctx context.Context, tx *gorm.DB, r runner, row *sagaRow, withCurrent bool) error {
	todo := slices.Clone(row.Done)
	if withCurrent {
		todo = append(todo, row.StepID)
	}
	for len(todo) > 0 {
		if i := find(r, todo[len(todo)-1]); i < 0 || r.steps()[i].undo {
			break
		}
		todo = todo[:len(todo)-1]
	}
	if len(todo) == 0 {
		state, err := r.cancelled(ctx, tx, row.ID, []byte(row.State), row.Reason)
		if err != nil {
			return err
		}
		now := db.Now()
		row.State, row.Status, row.Phase, row.FinishedAt, row.Stuck = string(state), StatusCancelled, phaseCompensate, &now, false
		row.Done = stepIDs{}
		return saveOrRace(tx, row)
	}
	last := len(todo) - 1
	row.Status, row.Phase, row.Attempt, row.Refused, row.Stuck = StatusCompensating, phaseCompensate, 1, 0, false
	row.StepID, row.Done = todo[last], todo[:last]
	if err := saveOrRace(tx, row); err != nil {
		return err
	}
	return e.send(ctx, tx, row, time.Time{})
}
