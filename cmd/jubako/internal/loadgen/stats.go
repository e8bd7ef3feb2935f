package loadgen

import (
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Latencies are recorded in microseconds, up to an hour, to three
// significant digits.
const (
	lowest      = 1
	highest     = int64(time.Hour / time.Microsecond)
	significant = 3
)

// Stats are a run's numbers so far; safe for concurrent use.
type Stats struct {
	mu       sync.Mutex
	tasks    map[string]*taskStats
	requests int64
	statuses map[int]int64
	// window holds the latencies of the tasks ended since the last tick,
	// and windowRequests and windowErrors their counts: one Sample each.
	window         *hdrhistogram.Histogram
	windowRequests int64
	windowErrors   int64
	series         []Sample
	examples       []string
}

type taskStats struct {
	hist          *hdrhistogram.Histogram
	count, errors int64
}

// Sample is one second of a run.
type Sample struct {
	At       time.Duration `json:"at"`
	Users    int           `json:"users"`
	Requests int64         `json:"requests"`
	Errors   int64         `json:"errors"`
	// P95 is the 95th percentile of the tasks ended in that second.
	P95 time.Duration `json:"p95"`
}

func newStats() *Stats {
	s := &Stats{tasks: map[string]*taskStats{}, statuses: map[int]int64{}, window: hdrhistogram.New(lowest, highest, significant)}
	for _, name := range taskNames() {
		s.tasks[name] = &taskStats{hist: hdrhistogram.New(lowest, highest, significant)}
	}
	return s
}

// maxExamples bounds the errors a report quotes.
const maxExamples = 5

// record counts a task that took took (err when it failed). With a pace
// (open loop), the histogram is corrected for coordinated omission: a
// task longer than its pace held up the ones that user would have started
// meanwhile, and they count as having waited.
func (s *Stats) record(name string, took, pace time.Duration, err error) {
	us := max(took.Microseconds(), lowest)
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tasks[name]
	t.count++
	if pace > 0 {
		_ = t.hist.RecordCorrectedValue(us, pace.Microseconds())
	} else {
		_ = t.hist.RecordValue(us)
	}
	_ = s.window.RecordValue(us)
	if err != nil {
		t.errors++
		s.windowErrors++
		if len(s.examples) < maxExamples {
			s.examples = append(s.examples, name+": "+err.Error())
		}
	}
}

// request counts a round trip answered with status (0: no answer).
func (s *Stats) request(status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	s.windowRequests++
	s.statuses[status]++
}

// tick closes the second ending at, with users running.
func (s *Stats) tick(at time.Duration, users int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p95 := time.Duration(s.window.ValueAtQuantile(95)) * time.Microsecond
	s.series = append(s.series, Sample{At: at, Users: users, Requests: s.windowRequests, Errors: s.windowErrors, P95: p95})
	s.window.Reset()
	s.windowRequests, s.windowErrors = 0, 0
}
