// Package saga runs long business transactions as orchestrated sagas: a
// definition lists steps, each an action (usually an endpoint call through
// the bus) with an optional compensation. The engine keeps the saga's state
// and step log as rows and changes them in the same transaction that sends
// the next step through the outbox, so a crash anywhere resumes where it
// stopped and a duplicate message changes nothing.
//
// A step's action and compensation get an idempotency key (saga id + ":" +
// step ID) that participants must honour. A business failure, or retries
// exhausted, or the saga's deadline passed, runs the compensations of the
// steps done so far in reverse order and ends the saga CANCELLED. Once the
// pivot step succeeded the saga only moves forward: later steps are retried
// until they succeed, and a saga that cannot move shows as stuck — it is
// never dropped. The pivot itself is retried until it answers for sure —
// past the deadline too — since a crash may hide that it happened.
// Compensations that keep failing are retried with backoff, and the saga
// shows as stuck meanwhile.
//
// A saga records its current step by ID, the steps it has done, whether it
// passed a pivot, and the version of the definition that wrote its state,
// so a deploy that changes a definition cannot send a running saga to the
// wrong step: see Definition.Version.
//
// A new saga is a Definition, not new plumbing:
//
//	checkout := saga.Define(engine, saga.Definition[Checkout]{
//		Name: "checkout", Module: "orders", Version: 1,
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
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Step is one step of a saga over state S.
type Step[S any] struct {
	// ID names the step for good: the saga row, step messages and
	// idempotency keys (saga id + ":" + ID) hold it. Empty means Name. Keep
	// it when renaming a step, or participants see a retry as a new step.
	ID string
	// Name labels the step in the step log, spans and the console.
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
	// Version numbers the definition; zero means 1. Raise it with any change
	// of the steps or of the state's shape: a saga written by an older
	// version has its state upgraded (see Upgrade) and goes on from its
	// current step by ID; one written by a newer version is not run.
	Version int
	Steps   []Step[S]
	// Upgrade turns the encoded state of version v (the key) into version
	// v+1's. A version without a function keeps the state as it is.
	Upgrade map[int]func(state json.RawMessage) (json.RawMessage, error)
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
	plan   []stepMeta
}

// Define registers def with the engine. Call it while wiring a module. It
// panics on a definition that cannot run: no steps, a step without Do, two
// steps with one ID, an Upgrade for a version that is not older than
// Version.
func Define[S any](e *Engine, def Definition[S]) *Saga[S] {
	def.Version = cmp.Or(def.Version, 1)
	s := &Saga[S]{def: def, engine: e, plan: make([]stepMeta, len(def.Steps))}
	for i, st := range def.Steps {
		s.plan[i] = stepMeta{id: cmp.Or(st.ID, st.Name), name: st.Name, pivot: st.Pivot, undo: st.Undo != nil, timeout: st.Timeout}
	}
	if err := s.check(); err != nil {
		panic(fmt.Sprintf("saga %s: %v", def.Name, err))
	}
	e.register(s)
	return s
}

func (s *Saga[S]) check() error {
	if len(s.def.Steps) == 0 {
		return fmt.Errorf("no steps")
	}
	if s.def.Version < 1 {
		return fmt.Errorf("version %d is not positive", s.def.Version)
	}
	seen := map[string]bool{}
	for i, st := range s.def.Steps {
		id := s.plan[i].id
		switch {
		case st.Do == nil:
			return fmt.Errorf("step %s has no Do", st.Name)
		case id == "":
			return fmt.Errorf("step %d has neither ID nor Name", i)
		case seen[id]:
			return fmt.Errorf("two steps have the ID %q", id)
		}
		seen[id] = true
	}
	for v := range s.def.Upgrade {
		if v < 1 || v >= s.def.Version {
			return fmt.Errorf("an upgrade from version %d, which is not older than version %d", v, s.def.Version)
		}
	}
	return nil
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
