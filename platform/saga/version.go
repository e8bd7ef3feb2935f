package saga

import (
	"context"
	"fmt"
	"slices"

	"github.com/jubako/jubako/platform/db"
)

// placeLegacy gives a row written before step IDs — StepID empty, the step's
// position in LegacyStep — its step ID, done steps and pivot, read from
// that position. Only version 1 of the definition can read it: positions
// were written when every definition was version 1. It returns why the row
// cannot be placed, or "" (and changes nothing) for any other row.
func placeLegacy(r runner, row *sagaRow) string {
	if row.StepID != "" || row.finished() {
		return ""
	}
	steps, p := r.steps(), row.LegacyStep
	if r.version() != 1 || p < 0 || p >= len(steps) {
		return fmt.Sprintf("the saga was written before step IDs, at step position %d, which %s v%d cannot place", p, r.name(), r.version())
	}
	row.StepID = steps[p].id
	row.Done = make(stepIDs, p)
	for i := range p {
		row.Done[i] = steps[i].id
	}
	row.Pivoted = slices.ContainsFunc(steps[:p], func(m stepMeta) bool { return m.pivot })
	return ""
}

// prepare finds the saga's current step in r's definition and brings the
// state up to r's version. It returns the step's index, or why the saga
// cannot run in this process; the row is then left as it was.
func prepare(r runner, row *sagaRow) (int, string) {
	if reason := newer(r, row); reason != "" {
		return -1, reason
	}
	i := find(r, row.StepID)
	if i < 0 {
		reason := fmt.Sprintf("step %q is not in %s v%d", row.StepID, r.name(), r.version())
		if row.DefVersion != r.version() {
			reason += fmt.Sprintf(" (the saga was written by v%d)", row.DefVersion)
		}
		if row.Phase == phaseCompensate {
			return -1, reason + ": it cannot be compensated"
		}
		return -1, reason + ": the saga cannot move on"
	}
	if err := upgrade(r, row); err != nil {
		return -1, err.Error()
	}
	return i, ""
}

// newer says why a row written by a newer version of the definition than
// r's must not run here (a rollback, or an old process during a rolling
// deploy), or "".
func newer(r runner, row *sagaRow) string {
	if row.DefVersion <= r.version() {
		return ""
	}
	return fmt.Sprintf("the saga was written by %s v%d, this process runs v%d", r.name(), row.DefVersion, r.version())
}

// upgrade runs r's upgrade functions on the state, one per version from the
// row's to r's. The row changes only when all succeed; the caller saves it.
func upgrade(r runner, row *sagaRow) error {
	state := []byte(row.State)
	for v := row.DefVersion; v < r.version(); v++ {
		var err error
		if state, err = r.upgrade(v, state); err != nil {
			return fmt.Errorf("upgrade the state of %s from v%d to v%d: %w", r.name(), v, v+1, err)
		}
	}
	row.State, row.DefVersion = string(state), r.version()
	return nil
}

// stick marks the saga stuck with reason and adds it to the step log,
// running nothing; again with the same reason it does nothing. An
// operator's retry sends the current step again; a forced compensation
// undoes the done steps.
func (e *Engine) stick(ctx context.Context, r runner, row *sagaRow, reason string) error {
	if row.Stuck && row.LastError == reason {
		return nil
	}
	row.Stuck, row.LastError = true, reason
	step := label(r, row.StepID)
	if row.StepID == "" {
		step = fmt.Sprintf("position %d", row.LegacyStep)
	}
	l := stepRow{Step: step, Phase: row.Phase, Status: LogFailed, Attempt: row.Attempt, Error: reason, StartedAt: db.Now()}
	return e.commit(ctx, row, l, noop)
}
