package saga

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// stepMessage asks the owner's queue to run one attempt of one step.
type stepMessage struct {
	SagaID  string `json:"saga_id"`
	Saga    string `json:"saga"`
	Step    int    `json:"step"`
	Phase   string `json:"phase"`
	Attempt int    `json:"attempt"`
}

var stepTopic = bus.Topic[stepMessage]("jubako.saga_step.v1")

// runner is a Saga[S] with S erased.
type runner interface {
	name() string
	module() string
	steps() int
	pivotIndex() int
	stepName(i int) string
	hasUndo(i int) bool
	timeout(i int) time.Duration
	deadline() time.Duration
	run(ctx context.Context, i int, undo bool, raw []byte, key string) ([]byte, error)
	then(ctx context.Context, tx *gorm.DB, i int, id string, raw []byte) error
	cancelled(ctx context.Context, tx *gorm.DB, id string, raw []byte, reason string) ([]byte, error)
}

// Engine runs the sagas defined in this process.
type Engine struct {
	cfg Config
	db  *db.DB
	bus *bus.Bus
	log *slog.Logger

	mu      sync.RWMutex
	sagas   map[string]runner
	modules map[string]bool
}

// NewEngine returns an engine; Define adds saga types to it.
func NewEngine(cfg Config, d *db.DB, b *bus.Bus, log *slog.Logger) *Engine {
	return &Engine{cfg: cfg, db: d, bus: b, log: log.With("component", "saga"), sagas: map[string]runner{}, modules: map[string]bool{}}
}

func (e *Engine) register(r runner) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, dup := e.sagas[r.name()]; dup {
		panic(fmt.Sprintf("saga %s defined twice", r.name()))
	}
	e.sagas[r.name()] = r
	if !e.modules[r.module()] {
		e.modules[r.module()] = true
		stepTopic.Consume(e.bus, r.module(), e.handle)
	}
}

func (e *Engine) runner(name string) (runner, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	r, ok := e.sagas[name]
	return r, ok
}

func (e *Engine) start(ctx context.Context, tx *gorm.DB, r runner, id string, state []byte) error {
	now := db.Now()
	deadline := r.deadline()
	if deadline == 0 {
		deadline = e.cfg.Deadline
	}
	row := sagaRow{
		ID: id, Name: r.name(), Module: r.module(), Status: StatusRunning, Phase: phaseForward, Attempt: 1,
		State: string(state), TraceID: traceID(ctx), Deadline: now.Add(deadline), CreatedAt: now, UpdatedAt: now,
	}
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("saga %s: start %s: %w", r.name(), id, err)
	}
	return e.send(ctx, tx, &row, time.Time{})
}

func (e *Engine) send(ctx context.Context, tx *gorm.DB, r *sagaRow, at time.Time) error {
	m := stepMessage{SagaID: r.ID, Saga: r.Name, Step: r.Step, Phase: r.Phase, Attempt: r.Attempt}
	return stepTopic.Send(ctx, tx, m, r.Module, at)
}

// handle runs the attempt a message asks for, if it is still the saga's
// current one; stale and duplicate messages do nothing.
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
	if row.Status == StatusCompleted || row.Status == StatusCancelled ||
		row.Step != m.Step || row.Phase != m.Phase || row.Attempt != m.Attempt {
		return nil
	}
	if row.Phase == phaseCompensate {
		return e.compensate(ctx, r, &row)
	}
	return e.forward(ctx, r, &row)
}

func (e *Engine) attempt(ctx context.Context, r runner, row *sagaRow, undo bool) ([]byte, error) {
	timeout := r.timeout(row.Step)
	if timeout == 0 {
		timeout = e.cfg.StepTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	name := "saga " + r.name() + " " + r.stepName(row.Step)
	if undo {
		name += " (compensate)"
	}
	ctx, span := telemetry.Tracer().Start(ctx, name, trace.WithAttributes(
		attribute.String("jubako.saga_id", row.ID), attribute.Int("jubako.attempt", row.Attempt), attribute.String("jubako.module", r.module())))
	defer span.End()
	key := row.ID + ":" + r.stepName(row.Step)
	state, err := r.run(ctx, row.Step, undo, []byte(row.State), key)
	if err != nil {
		span.SetStatus(codes.Error, err.Error())
	}
	return state, err
}

// commit saves row and the step log line in one transaction with extra
// work, and records there that the step message is done; a lost optimistic
// race ends quietly.
func (e *Engine) commit(ctx context.Context, row *sagaRow, l stepRow, extra func(tx *gorm.DB) error) error {
	row.UpdatedAt = db.Now()
	l.SagaID, l.FinishedAt = row.ID, row.UpdatedAt
	err := e.db.Transact(ctx, func(tx *gorm.DB) error {
		if err := saveOrRace(tx, row); err != nil {
			return err
		}
		if err := bus.MarkDelivered(ctx, tx); err != nil {
			return err
		}
		row.Version++
		if err := appendLog(tx, l); err != nil {
			return err
		}
		return extra(tx)
	})
	if errors.Is(err, errRaced) {
		return nil
	}
	return err
}

func traceID(ctx context.Context) string {
	if sc := trace.SpanContextFromContext(ctx); sc.HasTraceID() {
		return sc.TraceID().String()
	}
	return ""
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return shared.AsError(err).Error()
}
