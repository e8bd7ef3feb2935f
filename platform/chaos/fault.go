package chaos

import (
	"context"
	"time"
)

// The kinds of fault.
const (
	KindLatency = "latency" // wait Latency ± Jitter, then run the call
	KindError   = "error"   // fail the call with Code at once
	KindAbort   = "abort"   // hang until the caller's deadline, then fail
)

// Fault is one injected fault. Target names an endpoint ("payment.Charge"),
// a topic's deliveries ("catalog.price_changed.v1"), a module ("payment":
// all its endpoints) or an HTTP route ("GET /api/catalog/products").
type Fault struct {
	ID      string        `json:"id"`
	Target  string        `json:"target"`
	Kind    string        `json:"kind"`
	Latency time.Duration `json:"latency,omitempty"`
	Jitter  time.Duration `json:"jitter,omitempty"`
	// Code is the error code of an error fault (shared.Code, "unavailable"
	// when empty).
	Code string `json:"code,omitempty"`
	// Percent of the matching calls that the fault hits, 0–100.
	Percent float64 `json:"percent"`
	// Cohort is CohortAll or CohortExperiment.
	Cohort string        `json:"cohort"`
	TTL    time.Duration `json:"ttl"`
	// Experiment is the id of the experiment that added the fault, if any.
	Experiment string    `json:"experiment,omitempty"`
	Created    time.Time `json:"created"`
	Expires    time.Time `json:"expires"`
}

// Faults adds and removes faults for the whole topology. The experiment
// runner injects through it.
type Faults interface {
	// Add validates f, gives it an id and its expiry, and makes it apply in
	// every process. It returns the fault as stored.
	Add(ctx context.Context, f Fault) (Fault, error)
	// Remove ends one fault; an unknown id is shared.CodeNotFound.
	Remove(ctx context.Context, id string) error
	// List returns the active faults.
	List(ctx context.Context) ([]Fault, error)
	// Halt ends every fault.
	Halt(ctx context.Context) error
}
