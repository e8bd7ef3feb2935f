package loadgen

import (
	"net/http"
	"slices"
	"time"
)

// Snapshot is a run as it stands.
type Snapshot struct {
	Elapsed  time.Duration
	Users    int
	Requests int64
	// Errors counts the tasks that failed; RateLimited the answers 429.
	Errors      int64
	RateLimited int64
	Statuses    map[int]int64
	Tasks       []TaskSummary
	Series      []Sample
	Examples    []string
}

// TaskSummary is a task's numbers; latencies are the whole task's (a
// checkout is three or four requests).
type TaskSummary struct {
	Name               string
	Count, Errors      int64
	P50, P95, P99, Max time.Duration
}

// RequestsPerSecond is the run's request rate so far.
func (s Snapshot) RequestsPerSecond() float64 { return perSecond(s.Requests, s.Elapsed) }

// LastSecond is the latest second's sample (zero before the first).
func (s Snapshot) LastSecond() Sample {
	if len(s.Series) == 0 {
		return Sample{}
	}
	return s.Series[len(s.Series)-1]
}

func perSecond(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// snapshot copies the numbers, the tasks in the mix's order.
func (s *Stats) snapshot(elapsed time.Duration, users int) Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := Snapshot{Elapsed: elapsed, Users: users, Requests: s.requests, Statuses: map[int]int64{},
		RateLimited: s.statuses[http.StatusTooManyRequests], Series: slices.Clone(s.series), Examples: slices.Clone(s.examples)}
	for k, v := range s.statuses {
		out.Statuses[k] = v
	}
	for _, name := range taskNames() {
		t := s.tasks[name]
		out.Errors += t.errors
		at := func(q float64) time.Duration { return time.Duration(t.hist.ValueAtQuantile(q)) * time.Microsecond }
		out.Tasks = append(out.Tasks, TaskSummary{Name: name, Count: t.count, Errors: t.errors,
			P50: at(50), P95: at(95), P99: at(99), Max: time.Duration(t.hist.Max()) * time.Microsecond})
	}
	return out
}
