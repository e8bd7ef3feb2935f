package saga

import (
	"cmp"
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

// Engine runs the sagas defined in this process.
type Engine struct {
	cfg Config
	db  *db.DB
	bus *bus.Bus
	log *slog.Logger

	mu      sync.RWMutex
	sagas   map[string]runner
	modules map[string]bool
	ended   []EndHook
}

// EndHook learns that a saga ended, COMPLETED or CANCELLED, right after
// the transaction that ended it committed. ctx is the context of the step
// message that ended it: it carries the baggage of the request that
// started the saga, whichever process the saga ends in.
type EndHook func(ctx context.Context, name, status string)

// OnEnd adds h to the hooks run when a saga of this engine ends. Call it
// while wiring.
func (e *Engine) OnEnd(h EndHook) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ended = append(e.ended, h)
}

func (e *Engine) notifyEnd(ctx context.Context, row *sagaRow) {
	e.mu.RLock()
	hooks := e.ended
	e.mu.RUnlock()
	for _, h := range hooks {
		h(ctx, row.Name, row.Status)
	}
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
		legacyStepTopic.Consume(e.bus, r.module(), e.handleLegacy)
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
		StepID: r.steps()[0].id, DefVersion: r.version(), Done: stepIDs{}, State: string(state),
		TraceID: traceID(ctx), Deadline: now.Add(deadline), CreatedAt: now, UpdatedAt: now,
	}
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("saga %s: start %s: %w", r.name(), id, err)
	}
	return e.send(ctx, tx, &row, time.Time{})
}

// attempt runs Do (or Undo) of step i, the saga's current step, once. The
// bus's policies do not retry the calls it makes: the engine counts a
// step's attempts and spaces them itself.
func (e *Engine) attempt(ctx context.Context, r runner, row *sagaRow, i int, undo bool) ([]byte, error) {
	step := r.steps()[i]
	ctx, cancel := context.WithTimeout(bus.WithoutRetries(ctx), cmp.Or(step.timeout, e.cfg.StepTimeout))
	defer cancel()
	name := "saga " + r.name() + " " + step.name
	if undo {
		name += " (compensate)"
	}
	ctx, span := telemetry.Tracer().Start(ctx, name, trace.WithAttributes(
		attribute.String("jubako.saga_id", row.ID), attribute.Int("jubako.attempt", row.Attempt), attribute.String("jubako.module", r.module())))
	defer span.End()
	state, err := r.run(ctx, i, undo, []byte(row.State), row.ID+":"+step.id)
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
	if err == nil && row.finished() {
		e.notifyEnd(ctx, row)
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
