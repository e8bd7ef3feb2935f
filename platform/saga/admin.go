package saga

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// Info is a saga as operators and owners see it.
type Info struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Module string `json:"module"`
	Status string `json:"status"`
	// Step is the current step's name; StepID its ID.
	Step   string `json:"step"`
	StepID string `json:"step_id,omitempty"`
	// Version is the version of the definition that last wrote the saga.
	Version    int        `json:"version"`
	Attempt    int        `json:"attempt"`
	Stuck      bool       `json:"stuck"`
	Reason     string     `json:"reason,omitempty"`
	LastError  string     `json:"last_error,omitempty"`
	TraceID    string     `json:"trace_id,omitempty"`
	Deadline   time.Time  `json:"deadline"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	Log        []LogEntry `json:"log,omitempty"`
}

// LogEntry is one line of a saga's timeline.
type LogEntry struct {
	Step       string    `json:"step"`
	Phase      string    `json:"phase"`
	Status     string    `json:"status"`
	Attempt    int       `json:"attempt"`
	Error      string    `json:"error,omitempty"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
}

// Filter selects sagas for List; zero fields match everything.
type Filter struct {
	Name   string
	Status string
	Stuck  bool
	// OlderThan keeps sagas created before now minus it.
	OlderThan time.Duration
	Limit     int
}

// List returns sagas, newest first.
func (e *Engine) List(ctx context.Context, f Filter) ([]Info, error) {
	q := e.db.WithContext(ctx).Order("created_at DESC, id DESC")
	if f.Name != "" {
		q = q.Where("name = ?", f.Name)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Stuck {
		q = q.Where("stuck = ?", true)
	}
	if f.OlderThan > 0 {
		q = q.Where("created_at < ?", db.Now().Add(-f.OlderThan))
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var rows []sagaRow
	if err := q.Limit(limit).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Info, len(rows))
	for i := range rows {
		out[i] = e.info(&rows[i])
	}
	return out, nil
}

// Get returns one saga with its timeline.
func (e *Engine) Get(ctx context.Context, id string) (Info, error) {
	var row sagaRow
	err := e.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Info{}, shared.Errorf(shared.CodeNotFound, "no saga %q", id)
	}
	if err != nil {
		return Info{}, err
	}
	var steps []stepRow
	if err := e.db.WithContext(ctx).Where("saga_id = ?", id).Order("seq").Find(&steps).Error; err != nil {
		return Info{}, err
	}
	info := e.info(&row)
	for _, s := range steps {
		info.Log = append(info.Log, LogEntry{Step: s.Step, Phase: s.Phase, Status: s.Status, Attempt: s.Attempt, Error: s.Error, StartedAt: s.StartedAt, FinishedAt: s.FinishedAt})
	}
	return info, nil
}

func (e *Engine) info(r *sagaRow) Info {
	placed := *r
	step := r.StepID
	if run, ok := e.runner(r.Name); ok {
		placeLegacy(run, &placed)
		step = label(run, placed.StepID)
	}
	return Info{
		ID: r.ID, Name: r.Name, Module: r.Module, Status: r.Status, Step: step, StepID: placed.StepID, Version: r.DefVersion,
		Attempt: r.Attempt, Stuck: r.Stuck, Reason: r.Reason, LastError: r.LastError, TraceID: r.TraceID, Deadline: r.Deadline,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, FinishedAt: r.FinishedAt,
	}
}

// Retry runs the current step of an unfinished saga again now, with a
// fresh attempt count: the operator's way out of a stuck saga.
func (e *Engine) Retry(ctx context.Context, id string) error {
	return e.act(ctx, id, func(tx *gorm.DB, r runner, row *sagaRow) error {
		row.Attempt, row.Refused, row.Stuck = 1, 0, false
		if err := saveOrRace(tx, row); err != nil {
			return err
		}
		row.Version++
		return e.send(ctx, tx, row, time.Time{})
	})
}

// Compensate abandons a saga that has not passed its pivot: its done steps
// are compensated, including the current one, and it ends CANCELLED. A
// current step the definition no longer has cannot be compensated and is
// left out.
func (e *Engine) Compensate(ctx context.Context, id, reason string) error {
	return e.act(ctx, id, func(tx *gorm.DB, r runner, row *sagaRow) error {
		if row.Phase == phaseCompensate {
			return shared.Errorf(shared.CodeConflict, "saga %s is already compensating", id)
		}
		if row.Pivoted {
			return shared.Errorf(shared.CodeConflict, "saga %s passed its point of no return", id)
		}
		if why := newer(r, row); why != "" {
			return shared.Errorf(shared.CodeConflict, "saga %s: %s", id, why)
		}
		if err := upgrade(r, row); err != nil {
			return shared.Errorf(shared.CodeConflict, "saga %s: %v", id, err)
		}
		row.Reason = reason
		return e.compensateNext(ctx, tx, r, row, find(r, row.StepID) >= 0)
	})
}

func (e *Engine) act(ctx context.Context, id string, fn func(tx *gorm.DB, r runner, row *sagaRow) error) error {
	return e.db.Transact(ctx, func(tx *gorm.DB) error {
		var row sagaRow
		err := tx.Where("id = ?", id).Take(&row).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return shared.Errorf(shared.CodeNotFound, "no saga %q", id)
		}
		if err != nil {
			return err
		}
		if row.Status == StatusCompleted || row.Status == StatusCancelled {
			return shared.Errorf(shared.CodeConflict, "saga %s is already %s", id, row.Status)
		}
		r, ok := e.runner(row.Name)
		if !ok {
			return shared.Errorf(shared.CodeUnavailable, "saga type %q is not defined in this process", row.Name)
		}
		if why := placeLegacy(r, &row); why != "" {
			return shared.Errorf(shared.CodeConflict, "saga %s: %s", id, why)
		}
		return fn(tx, r, &row)
	})
}
