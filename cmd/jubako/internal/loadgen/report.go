package loadgen

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"text/tabwriter"
	"time"
)

// Report is a finished run, as `jubako loadgen --json` prints it.
type Report struct {
	URL               string           `json:"url"`
	Users             int              `json:"users"`
	Seconds           float64          `json:"seconds"`
	Think             string           `json:"think,omitempty"`
	Rate              float64          `json:"rate,omitempty"`
	Requests          int64            `json:"requests"`
	RequestsPerSecond float64          `json:"requests_per_second"`
	Errors            int64            `json:"errors"`
	RateLimited       int64            `json:"rate_limited"`
	Statuses          map[string]int64 `json:"statuses"`
	Tasks             []TaskReport     `json:"tasks"`
	Examples          []string         `json:"error_examples,omitempty"`
}

// TaskReport is a task's line: latencies in milliseconds.
type TaskReport struct {
	Name      string  `json:"name"`
	Count     int64   `json:"count"`
	Errors    int64   `json:"errors"`
	PerSecond float64 `json:"per_second"`
	P50       float64 `json:"p50_ms"`
	P95       float64 `json:"p95_ms"`
	P99       float64 `json:"p99_ms"`
	Max       float64 `json:"max_ms"`
}

// NewReport is s, a finished run of o.
func NewReport(o Options, s Snapshot) Report {
	r := Report{URL: o.URL, Users: o.Users, Seconds: round(s.Elapsed.Seconds()), Rate: o.Rate, Requests: s.Requests,
		RequestsPerSecond: round(s.RequestsPerSecond()), Errors: s.Errors, RateLimited: s.RateLimited,
		Statuses: map[string]int64{}, Examples: s.Examples}
	if o.Rate <= 0 {
		r.Think = o.Think.String()
	}
	for status, n := range s.Statuses {
		r.Statuses[statusName(status)] = n
	}
	for _, t := range s.Tasks {
		r.Tasks = append(r.Tasks, TaskReport{Name: t.Name, Count: t.Count, Errors: t.Errors, PerSecond: round(perSecond(t.Count, s.Elapsed)),
			P50: ms(t.P50), P95: ms(t.P95), P99: ms(t.P99), Max: ms(t.Max)})
	}
	return r
}

func statusName(status int) string {
	if status == 0 {
		return "no answer"
	}
	return strconv.Itoa(status)
}

func ms(d time.Duration) float64 { return round(float64(d) / float64(time.Millisecond)) }

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

// WriteJSON writes the report as JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteTable writes the report as a table, one line per task, then the
// totals — and, when the shop refused requests for their rate, how to
// run a load test without its limits.
func (r Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "task\tcount\terrors\t/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\t")
	for _, t := range r.Tasks {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%.1f\t%.1f\t%.1f\t%.1f\t\n", t.Name, t.Count, t.Errors, t.PerSecond, t.P50, t.P95, t.P99, t.Max)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	pace := "think " + r.Think
	if r.Rate > 0 {
		pace = fmt.Sprintf("paced at %g tasks/s (coordinated omission corrected)", r.Rate)
	}
	fmt.Fprintf(w, "\n%d requests in %.1fs (%.1f/s) from %d users, %s, to %s\n", r.Requests, r.Seconds, r.RequestsPerSecond, r.Users, pace, r.URL)
	fmt.Fprintf(w, "answers: %s; failed tasks: %d\n", r.statusLine(), r.Errors)
	for _, e := range r.Examples {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
	if r.RateLimited > 0 {
		fmt.Fprintf(w, "%d requests were refused as rate-limited (429): the shop limits each client address; "+
			"load it with JUBAKO_HTTP_RATE_LIMIT_ENABLED=false\n", r.RateLimited)
	}
	return nil
}

// statusLine lists the answers by status ("200 ×1520, 303 ×41").
func (r Report) statusLine() string {
	keys := make([]string, 0, len(r.Statuses))
	for k := range r.Statuses {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	line := ""
	for i, k := range keys {
		if i > 0 {
			line += ", "
		}
		line += fmt.Sprintf("%s ×%d", k, r.Statuses[k])
		if k == strconv.Itoa(http.StatusTooManyRequests) {
			line += " (rate limited)"
		}
	}
	return line
}
