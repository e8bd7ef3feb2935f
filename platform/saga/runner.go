package saga

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
)

// runner is a Saga[S] with S erased. Steps are addressed by their index in
// the definition this process runs, found by ID with find: a position is
// never stored, since the next deploy may insert or remove steps.
type runner interface {
	name() string
	module() string
	version() int
	deadline() time.Duration
	steps() []stepMeta
	run(ctx context.Context, i int, undo bool, raw []byte, key string) ([]byte, error)
	then(ctx context.Context, tx *gorm.DB, i int, id string, raw []byte) error
	cancelled(ctx context.Context, tx *gorm.DB, id string, raw []byte, reason string) ([]byte, error)
	upgrade(from int, raw []byte) ([]byte, error)
}

// stepMeta is what the engine knows of a step without its state's type.
type stepMeta struct {
	id, name    string
	pivot, undo bool
	timeout     time.Duration
}

// find is the index of the step with id in r's definition, or -1.
func find(r runner, id string) int {
	return slices.IndexFunc(r.steps(), func(m stepMeta) bool { return m.id == id })
}

// label is the name of the step with id, or id when r has no such step.
func label(r runner, id string) string {
	if i := find(r, id); i >= 0 {
		return r.steps()[i].name
	}
	return id
}

func (s *Saga[S]) name() string            { return s.def.Name }
func (s *Saga[S]) module() string          { return s.def.Module }
func (s *Saga[S]) version() int            { return s.def.Version }
func (s *Saga[S]) deadline() time.Duration { return s.def.Deadline }
func (s *Saga[S]) steps() []stepMeta       { return s.plan }

// run performs Do (or Undo) of step i on the encoded state. A step without
// Undo has nothing to compensate: undoing it changes nothing.
func (s *Saga[S]) run(ctx context.Context, i int, undo bool, raw []byte, key string) ([]byte, error) {
	fn := s.def.Steps[i].Do
	if undo {
		fn = s.def.Steps[i].Undo
	}
	if fn == nil {
		return raw, nil
	}
	var st S
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, fmt.Errorf("saga %s: decode state: %w", s.def.Name, err)
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

// upgrade turns a state of version from into version from+1's.
func (s *Saga[S]) upgrade(from int, raw []byte) ([]byte, error) {
	fn := s.def.Upgrade[from]
	if fn == nil {
		return raw, nil
	}
	return fn(raw)
}
