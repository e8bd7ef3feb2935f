package saga

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
)

// stepMessage asks the owner's queue to run one attempt of one step, named
// by its ID.
type stepMessage struct {
	SagaID  string `json:"saga_id"`
	Saga    string `json:"saga"`
	Step    string `json:"step"`
	Phase   string `json:"phase"`
	Attempt int    `json:"attempt"`
}

// legacyStepMessage is a step message as written before step IDs: the step
// by its position. Messages queued at the deploy that brought step IDs are
// still read; the reader can go one release later.
type legacyStepMessage struct {
	SagaID  string `json:"saga_id"`
	Saga    string `json:"saga"`
	Step    int    `json:"step"`
	Phase   string `json:"phase"`
	Attempt int    `json:"attempt"`
}

var (
	stepTopic       = bus.Topic[stepMessage]("jubako.saga_step.v2")
	legacyStepTopic = bus.Topic[legacyStepMessage]("jubako.saga_step.v1")
)

func (e *Engine) send(ctx context.Context, tx *gorm.DB, r *sagaRow, at time.Time) error {
	m := stepMessage{SagaID: r.ID, Saga: r.Name, Step: r.StepID, Phase: r.Phase, Attempt: r.Attempt}
	return stepTopic.Send(ctx, tx, m, r.Module, at)
}

// handle runs the attempt a message asks for, if it is still the saga's
// current one; stale and duplicate messages do nothing. A saga this process
// cannot run — written by a newer version, or at a step its definition no
// longer has — is marked stuck instead.
func (e *Engine) handle(ctx context.Context, m stepMessage) error {
	r, ok := e.runner(m.Saga)
	if !ok {
		return fmt.Errorf("%w: saga type %q is not defined in this process", bus.ErrPoison, m.Saga)
	}
	var row sagaRow
	err := e.db.WithContext(ctx).Where("id = ?", m.SagaID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%w: saga %s does not exist", bus.ErrPoison, m.SagaID)
	}
	if err != nil {
		return err
	}
	if reason := placeLegacy(r, &row); reason != "" {
		return e.stick(ctx, r, &row, reason)
	}
	if row.finished() || row.StepID != m.Step || row.Phase != m.Phase || row.Attempt != m.Attempt {
		return nil
	}
	i, reason := prepare(r, &row)
	if reason != "" {
		return e.stick(ctx, r, &row, reason)
	}
	if row.Phase == phaseCompensate {
		return e.compensate(ctx, r, &row, i)
	}
	return e.forward(ctx, r, &row, i)
}

// handleLegacy reads a message that names its step by position. Only
// version 1 of a definition — the steps as they were when positions were
// written — can tell which step that is; for any other the message cannot
// be the saga's current one, and a saga still waiting for it is one
// placeLegacy cannot place either, so it shows stuck.
func (e *Engine) handleLegacy(ctx context.Context, m legacyStepMessage) error {
	next := stepMessage{SagaID: m.SagaID, Saga: m.Saga, Phase: m.Phase, Attempt: m.Attempt}
	if r, ok := e.runner(m.Saga); ok && r.version() == 1 && m.Step >= 0 && m.Step < len(r.steps()) {
		next.Step = r.steps()[m.Step].id
	}
	return e.handle(ctx, next)
}
