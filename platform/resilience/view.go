package resilience

import (
	"strconv"
	"time"
)

// PolicyView is a Policy as the admin API shows it: durations as text
// ("2s"), the breaker's rule in words.
type PolicyView struct {
	Timeout    string `json:"timeout"`
	Retries    int    `json:"retries"`
	Backoff    string `json:"backoff,omitempty"`
	BackoffMax string `json:"backoff_max,omitempty"`
	Bulkhead   int    `json:"bulkhead"`
	// Breaker is "5 failures in a row", "50% of ≥ 20 calls in 1m0s" or
	// "none".
	Breaker string `json:"breaker"`
	OpenFor string `json:"open_for,omitempty"`
	Probes  int    `json:"probes,omitempty"`
}

// View is p for the admin API.
func (p Policy) View() PolicyView {
	v := PolicyView{Timeout: text(p.Timeout), Retries: p.Retries, Bulkhead: p.Bulkhead, Breaker: p.rule()}
	if p.Retries > 0 {
		v.Backoff, v.BackoffMax = text(p.Backoff), text(p.BackoffMax)
	}
	if p.breaking() {
		v.OpenFor, v.Probes = text(p.OpenFor), p.Probes
	}
	return v
}

func (p Policy) rule() string {
	switch {
	case p.FailureRate > 0:
		return fmtRate(p.FailureRate) + " of ≥ " + itoa(p.MinCalls) + " calls in " + p.Period.String()
	case p.Failures > 0:
		return itoa(p.Failures) + " failures in a row"
	}
	return "none"
}

func text(d time.Duration) string {
	if d == 0 {
		return "none"
	}
	return d.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func fmtRate(r float64) string { return strconv.FormatFloat(r*100, 'f', -1, 64) + "%" }
