package experiment

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jubako/jubako/shared"
)

// Run states.
const (
	StatusRunning  = "running"
	StatusAborted  = "aborted"
	StatusFinished = "finished"
)

// Phases of a running experiment.
const (
	// PhaseInjecting: faults apply, traffic is split.
	PhaseInjecting = "injecting"
	// PhaseSettling: faults are gone; the sagas the cohorts started end.
	PhaseSettling = "settling"
)

// Run is an experiment run and its report, live while it runs.
type Run struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Status     string     `json:"status"`
	Phase      string     `json:"phase,omitempty"`
	Verdict    string     `json:"verdict,omitempty"`
	Reason     string     `json:"reason,omitempty"`
	Definition Definition `json:"definition"`
	// Started is when the split starts, a moment after the faults were
	// added (see faultSpread); Ends is when the split
	// stops and the faults end.
	Started time.Time  `json:"started"`
	Ends    time.Time  `json:"ends"`
	Ended   *time.Time `json:"ended,omitempty"`
	// Control and Experiment are the cohorts' figures side by side, one
	// per hypothesis line in its order.
	Control    Cohort       `json:"control"`
	Experiment Cohort       `json:"experiment"`
	Lines      []LineResult `json:"lines"`
	// Faults are the ids the chaos store gave the run's faults.
	Faults []string `json:"faults,omitempty"`
}

// Cohort is what one cohort saw.
type Cohort struct {
	// Requests counts the cohort's answered requests, all routes.
	Requests int64 `json:"requests"`
	// SagasEnded counts the sagas the cohort started that ended.
	SagasEnded int64    `json:"sagas_ended"`
	Figures    []Figure `json:"figures"`
}

// Store keeps runs and saved definitions in the broker's Redis, shared by
// every process of a topology, for keepRuns.
type Store struct{ rdb redis.UniversalClient }

// NewStore keeps runs in rdb.
func NewStore(rdb redis.UniversalClient) *Store { return &Store{rdb: rdb} }

const (
	keepRuns       = 90 * 24 * time.Hour
	keyRuns        = keyPrefix + "runs"
	keyDefinitions = keyPrefix + "definitions"
)

func runKey(id string) string  { return keyPrefix + "run:" + id }
func stopKey(id string) string { return keyPrefix + "stop:" + id }

func (s *Store) save(ctx context.Context, r Run) error {
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	p := s.rdb.TxPipeline()
	p.Set(ctx, runKey(r.ID), data, keepRuns)
	p.ZAdd(ctx, keyRuns, redis.Z{Score: float64(r.Started.UnixMilli()), Member: r.ID})
	_, err = p.Exec(ctx)
	return err
}

// Get returns run id; shared.CodeNotFound when there is none.
func (s *Store) Get(ctx context.Context, id string) (Run, error) {
	data, err := s.rdb.Get(ctx, runKey(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return Run{}, shared.Errorf(shared.CodeNotFound, "no experiment run %q", id)
	}
	if err != nil {
		return Run{}, err
	}
	var r Run
	if err := json.Unmarshal(data, &r); err != nil {
		return Run{}, err
	}
	return r.orphaned(time.Now()), nil
}

// orphaned marks a run whose runner stopped without ending it (its process
// died): it shows aborted once it is well past its end. Its faults ended
// by their TTL.
func (r Run) orphaned(now time.Time) Run {
	if r.Status == StatusRunning && now.After(r.Ends.Add(r.Definition.Settle.D()+time.Minute)) {
		r.Status, r.Phase, r.Reason = StatusAborted, "", "its runner stopped before the end (the process serving it stopped); its faults expired by their TTL"
	}
	return r
}

// List returns the latest runs first.
func (s *Store) List(ctx context.Context, limit int) ([]Run, error) {
	ids, err := s.rdb.ZRevRange(ctx, keyRuns, 0, int64(limit-1)).Result()
	if err != nil {
		return nil, err
	}
	runs := make([]Run, 0, len(ids))
	for _, id := range ids {
		r, err := s.Get(ctx, id)
		if errors.Is(err, shared.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// SaveDefinition saves d under its name for the console to start, replacing
// the one of that name.
func (s *Store) SaveDefinition(ctx context.Context, d Definition) error {
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	return s.rdb.HSet(ctx, keyDefinitions, d.Name, data).Err()
}

// DeleteDefinition removes a saved definition.
func (s *Store) DeleteDefinition(ctx context.Context, name string) error {
	n, err := s.rdb.HDel(ctx, keyDefinitions, name).Result()
	if err == nil && n == 0 {
		return shared.Errorf(shared.CodeNotFound, "no saved experiment %q", name)
	}
	return err
}

// Definitions returns the saved definitions by name.
func (s *Store) Definitions(ctx context.Context) ([]Definition, error) {
	m, err := s.rdb.HGetAll(ctx, keyDefinitions).Result()
	if err != nil {
		return nil, err
	}
	defs := make([]Definition, 0, len(m))
	for _, data := range m {
		var d Definition
		if json.Unmarshal([]byte(data), &d) == nil {
			defs = append(defs, d)
		}
	}
	slices.SortFunc(defs, func(a, b Definition) int { return strings.Compare(a.Name, b.Name) })
	return defs, nil
}

// Definition returns the saved definition name.
func (s *Store) Definition(ctx context.Context, name string) (Definition, error) {
	data, err := s.rdb.HGet(ctx, keyDefinitions, name).Bytes()
	if errors.Is(err, redis.Nil) {
		return Definition{}, shared.Errorf(shared.CodeNotFound, "no saved experiment %q", name)
	}
	if err != nil {
		return Definition{}, err
	}
	var d Definition
	return d, json.Unmarshal(data, &d)
}

// Redis is the client the store keeps runs in.
func (s *Store) Redis() redis.UniversalClient { return s.rdb }
