package experiment

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/swaggest/jsonschema-go"
)

// The metrics a hypothesis line or an abort condition measures.
const (
	// MetricCheckoutSuccess is the share of checkout attempts (answers
	// 2xx, 3xx or 5xx at the checkout route) whose saga ended COMPLETED.
	MetricCheckoutSuccess = "checkout_success_rate"
	// MetricRouteErrors is the share of a route's answers that are 5xx.
	MetricRouteErrors = "route_error_rate"
	// MetricRouteP95 is a route's 95th percentile latency, in milliseconds.
	MetricRouteP95 = "route_p95_ms"
	// MetricSagaCompletion is the share of the sagas ended that COMPLETED.
	MetricSagaCompletion = "saga_completion_rate"
)

// Definition is an experiment as an operator writes it (JSON in the API,
// JSON or YAML for the CLI, the same field names).
type Definition struct {
	Name       string      `json:"name"`
	Hypothesis []Line      `json:"hypothesis"`
	Faults     []FaultSpec `json:"faults"`
	// Duration is how long faults apply and traffic is split.
	Duration Duration `json:"duration"`
	// Split is the experiment cohort's share of the visitors, 0–1
	// (0.5 when omitted).
	Split     float64    `json:"split,omitempty"`
	AbortWhen Conditions `json:"abort_when,omitempty"`
	// MinSample is the fewest measurements per cohort a line needs for a
	// verdict (5 when omitted); fewer make it inconclusive.
	MinSample int `json:"min_sample,omitempty"`
	// Settle is how long, after Duration, the run waits for the sagas the
	// cohorts started to end (30s when omitted).
	Settle Duration `json:"settle,omitempty"`
}

// Line is one hypothesis line: the experiment cohort's Metric stays within
// MaxDelta of the control cohort's, in the bad direction.
type Line struct {
	Metric string `json:"metric"`
	// Route is "METHOD /pattern" as the console and the metrics name
	// routes ("GET /product/:id"); required for the route metrics, the
	// checkout route for checkout_success_rate (configured default).
	Route string `json:"route,omitempty"`
	// Saga filters the saga metrics by saga name (every saga when empty).
	Saga string `json:"saga,omitempty"`
	// MaxDelta is absolute for rates (0.05 = five points), milliseconds
	// for route_p95_ms.
	MaxDelta float64 `json:"max_delta"`
}

// Condition aborts a run when the experiment cohort's Metric goes Below
// or Above a bound (one of them), once it has MinSample measurements.
type Condition struct {
	Metric    string   `json:"metric"`
	Route     string   `json:"route,omitempty"`
	Saga      string   `json:"saga,omitempty"`
	Below     *float64 `json:"below,omitempty"`
	Above     *float64 `json:"above,omitempty"`
	MinSample int      `json:"min_sample,omitempty"`
}

// Conditions are read from one condition object or a list of them.
type Conditions []Condition

// UnmarshalJSON accepts {…} as well as [{…}, …].
func (c *Conditions) UnmarshalJSON(data []byte) error {
	var one Condition
	if len(data) > 0 && data[0] == '{' {
		if err := json.Unmarshal(data, &one); err != nil {
			return err
		}
		*c = Conditions{one}
		return nil
	}
	var many []Condition
	if err := json.Unmarshal(data, &many); err != nil {
		return err
	}
	*c = many
	return nil
}

// FaultSpec is a fault of the run, without cohort (the experiment cohort's)
// or TTL (the run's duration and a grace).
type FaultSpec struct {
	Target  string   `json:"target"`
	Kind    string   `json:"kind"`
	Latency Duration `json:"latency,omitempty"`
	Jitter  Duration `json:"jitter,omitempty"`
	Code    string   `json:"code,omitempty"`
	// Percent of the experiment cohort's matching calls hit (100 when
	// omitted).
	Percent float64 `json:"percent,omitempty"`
}

// Duration reads and writes as a Go duration string ("60s", "300ms").
type Duration time.Duration

// D is d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// MarshalJSON writes "1m0s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads "60s"; a bare number is nanoseconds.
func (d *Duration) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		var n int64
		if json.Unmarshal(data, &n) != nil {
			return fmt.Errorf("want a duration such as \"60s\"")
		}
		*d = Duration(n)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("want a duration such as \"60s\": %q", s)
	}
	*d = Duration(v)
	return nil
}

// JSONSchema describes a Duration in the API document: a string.
func (Duration) JSONSchema() (jsonschema.Schema, error) {
	var s jsonschema.Schema
	s.AddType(jsonschema.String)
	s.WithDescription("a Go duration: \"60s\", \"300ms\", \"1m30s\"")
	s.WithExamples("60s")
	return s, nil
}
