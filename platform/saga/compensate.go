package saga

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
)

// compensate runs one attempt of the current step's Undo. A failed
// compensation is retried with backoff for as long as it takes; after
// MaxAttempts the saga shows as stuck meanwhile.
func (e *Engine) compensate(ctx context.Context, r runner, row *sagaRow) error {
	started := db.Now()
	state, err := e.attempt(ctx, r, row, true)
	l := stepRow{Step: r.stepName(row.Step), Phase: phaseCompensate, Attempt: row.Attempt, StartedAt: started, Error: errorText(err)}
	if err != nil {
		l.Status = LogCompensationFailed
		return e.retry(ctx, row, l, row.Attempt >= e.cfg.MaxAttempts)
	}
	l.Status = LogCompensated
	row.State, row.LastError = string(state), ""
	from := row.Step - 1
	return e.commit(ctx, row, l, func(tx *gorm.DB) error { return e.compensateFrom(ctx, tx, r, row, from) })
}
