// Package saga runs long business transactions as orchestrated sagas: a
// definition lists steps, each an action (usually an endpoint call through
// the bus) with an optional compensation. The engine keeps the saga's state
// and step log as rows and changes them in the same transaction that sends
// the next step through the outbox, so a crash anywhere resumes where it
// stopped and a duplicate message changes nothing.
//
// A step's action and compensation get an idempotency key (saga id + step
// name) that participants must honour. A business failure, or retries
// exhausted, or the saga's deadline passed, runs the compensations of the
// steps done so far in reverse order and ends the saga CANCELLED. Once the
// pivot step succeeded the saga only moves forward: later steps are retried
// until they succeed, and a saga that cannot move shows as stuck — it is
// never dropped. The pivot itself is retried until it answers for sure —
// past the deadline too — since a crash may hide that it happened.
// Compensations that keep failing are retried with backoff, and the saga
// shows as stuck meanwhile.
//
// A new saga is a Definition, not new plumbing:
//
//	checkout := saga.Define(engine, saga.Definition[Checkout]{
//		Name: "checkout", Module: "orders",
//		Steps: []saga.Step[Checkout]{
//			{Name: "reserve", Do: reserve, Undo: release},
//			{Name: "charge", Do: charge, Undo: refund},
//			{Name: "commit", Do: commit, Pivot: true, Then: markCompleted},
//		},
//		OnCancelled: markCancelled,
//	})
//	err := checkout.Start(ctx, tx, orderID, Checkout{...}) // inside the caller's transaction
package saga

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Step is one step of a saga over state S.
type Step[S any] struct {
	Name string
	// Do performs the step outside any transaction; it may record results
	// in s. It must be idempotent for key.
	Do func(ctx context.Context, s *S, key string) error
	// Undo compensates Do; it gets Do's key and must be idempotent and
	// succeed when Do never happened. Nil: nothing to compensate.
	Undo func(ctx context.Context, s *S, key string) error
	// Then applies the step's local effect inside the transaction that
	// records its success (an order status, an event). Optional.
	Then func(ctx context.Context, tx *gorm.DB, id string, s *S) error
	// Pivot marks the point of no return: once it succeeded, the saga can
	// no longer be compensated and only moves forward.
	Pivot bool
	// Timeout bounds one attempt of Do or Undo; zero uses saga.step_timeout.
	Timeout time.Duration
}

// Definition describes a saga type.
type Definition[S any] struct {
	// Name is unique per process ("checkout").
	Name string
	// Module owns the saga: its queue runs the steps.
	Module string
	Steps  []Step[S]
	// Deadline bounds the forward phase before the pivot: past it, a step
	// still failing is not retried and compensation starts. Zero uses
	// saga.deadline.
	Deadline time.Duration
	// OnCancelled runs in the transaction that ends compensation; changes it
	// makes to the state are saved (scrub secrets there).
	OnCancelled func(ctx context.Context, tx *gorm.DB, id string, s *S, reason string) error
}

// Saga is a defined saga type; Start runs one.
type Saga[S any] struct {
	def    Definition[S]
	engine *Engine
	pivot  int
}

// Define registers def with the engine. Call it while wiring a module.
func Define[S any](e *Engine, def Definition[S]) *Saga[S] {
	s := &Saga[S]{def: def, engine: e, pivot: -1}
	for i, st := range def.Steps {
		if st.Do == nil {
			panic(fmt.Sprintf("saga %s: step %s has no Do", def.Name, st.Name))
		}
		if st.Pivot {
			s.pivot = i
		}
	}
	if len(def.Steps) == 0 {
		panic(fmt.Sprintf("saga %s: no steps", def.Name))
	}
	e.register(s)
	return s
}

// Start begins a saga with the given id and initial state, inside tx — the
// caller's own transaction, so the saga exists if and only if it commits.
func (s *Saga[S]) Start(ctx context.Context, tx *gorm.DB, id string, state S) error {
	raw, err := json.Marshal(state)
	if err != nil {
		return fmt.Errorf("saga %s: encode state: %w", s.def.Name, err)
	}
	return s.engine.start(ctx, tx, s, id, raw)
}

func (s *Saga[S]) name() string   { return s.def.Name }
func (s *Saga[S]) module() string { return s.def.Module }
func (s *Saga[S]) steps() int     { return len(s.def.Steps) }
func (s *Saga[S]) pivotIndex() int {
	return s.pivot
}
func (s *Saga[S]) stepName(i int) string { return s.def.Steps[i].Name }
func (s *Saga[S]) hasUndo(i int) bool    { return s.def.Steps[i].Undo != nil }
func (s *Saga[S]) timeout(i int) time.Duration {
	return s.def.Steps[i].Timeout
}
func (s *Saga[S]) deadline() time.Duration { return s.def.Deadline }

// run performs Do (or Undo) of step i on the encoded state.
func (s *Saga[S]) run(ctx context.Context, i int, undo bool, raw []byte, key string) ([]byte, error) {
	var st S
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, fmt.Errorf("saga %s: decode state: %w", s.def.Name, err)
	}
	fn := s.def.Steps[i].Do
	if undo {
		fn = s.def.Steps[i].Undo
	}
	if err := fn(ctx, &st, key); err != nil {
		return nil, err
	}
	return json.Marshal(st)
}

func (s *Saga[S]) then(ctx context.Context, tx *gorm.DB, i int, id string, raw []byte) error {
	if s.def.Steps[i].Then == nil {
		return nil
	}
	var st S
	if err := json.Unmarshal(raw, &st); err != nil {
		return err
	}
	return s.def.Steps[i].Then(ctx, tx, id, &st)
}

func (s *Saga[S]) cancelled(ctx context.Context, tx *gorm.DB, id string, raw []byte, reason string) ([]byte, error) {
	if s.def.OnCancelled == nil {
		return raw, nil
	}
	var st S
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, err
	}
	if err := s.def.OnCancelled(ctx, tx, id, &st, reason); err != nil {
		return nil, err
	}
	return json.Marshal(st)
}
