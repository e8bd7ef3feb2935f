package telemetry

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jubako/jubako/shared"
)

// Summary describes one trace for a list.
type Summary struct {
	TraceID  string        `json:"trace_id"`
	Root     string        `json:"root"`
	Start    time.Time     `json:"start"`
	Duration time.Duration `json:"duration"`
	Spans    int           `json:"spans"`
	Failed   bool          `json:"failed"`
	Status   int           `json:"status,omitempty"`
	Modules  []string      `json:"modules"`
}

// Filter selects traces: by the root's name (substring), by failure, by
// the HTTP status of the root (from StatusFrom to StatusTo, both included;
// zero for any), and by a minimum duration.
type Filter struct {
	Route                string
	FailedOnly           bool
	StatusFrom, StatusTo int
	MinDuration          time.Duration
	Limit                int
}

// ParseFilter reads a Filter from query parameters: route, failed=true,
// status (a code such as 404, or a class such as 5xx), min (a duration) and
// limit (1 to 1000, default 100). Bad values are shared.Invalid naming the
// parameter.
func ParseFilter(query map[string]string) (Filter, error) {
	p := shared.ParamsOf(query)
	f := Filter{
		Route:       p.String("route"),
		FailedOnly:  p.Bool("failed"),
		MinDuration: p.Duration("min", "100ms, 2s"),
		Limit:       p.Int("limit", 100, 1, 1000),
	}
	if status := p.String("status"); status != "" {
		var ok bool
		if f.StatusFrom, f.StatusTo, ok = parseStatus(status); !ok {
			p.Fail("status", "must be an HTTP status such as 404 or a class such as 5xx")
		}
	}
	return f, p.Err()
}

// parseStatus reads "404" as 404–404 and "4xx" as 400–499.
func parseStatus(v string) (from, to int, ok bool) {
	if class, found := strings.CutSuffix(strings.ToLower(v), "xx"); found {
		n, err := strconv.Atoi(class)
		if err != nil || len(class) != 1 || n < 1 || n > 5 {
			return 0, 0, false
		}
		return n * 100, n*100 + 99, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || len(v) != 3 || n < 100 || n > 599 {
		return 0, 0, false
	}
	return n, n, true
}

// Summarize describes a trace's spans.
func Summarize(spans []Span) Summary {
	if len(spans) == 0 {
		return Summary{}
	}
	s := Summary{TraceID: spans[0].TraceID, Start: spans[0].Start, Spans: len(spans)}
	end := spans[0].End
	mods := map[string]bool{}
	ids := map[string]bool{}
	for _, sp := range spans {
		ids[sp.SpanID] = true
	}
	for _, sp := range spans {
		if sp.Start.Before(s.Start) {
			s.Start = sp.Start
		}
		if sp.End.After(end) {
			end = sp.End
		}
		if sp.Module != "" {
			mods[sp.Module] = true
		}
		s.Failed = s.Failed || sp.Failed
		if s.Root == "" && (sp.ParentID == "" || !ids[sp.ParentID]) {
			s.Root = sp.Name
			if code, err := strconv.Atoi(sp.Attrs["http.status_code"]); err == nil {
				s.Status = code
			}
		}
	}
	s.Duration = end.Sub(s.Start)
	for m := range mods {
		s.Modules = append(s.Modules, m)
	}
	sort.Strings(s.Modules)
	return s
}

// Find lists recent traces matching f, newest first.
func (r *Ring) Find(f Filter) []Summary {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	var out []Summary
	for _, spans := range r.Recent(r.size) {
		s := Summarize(spans)
		switch {
		case f.Route != "" && !strings.Contains(s.Root, f.Route):
		case f.FailedOnly && !s.Failed && s.Status < 500:
		case f.StatusFrom != 0 && (s.Status < f.StatusFrom || s.Status > f.StatusTo):
		case s.Duration < f.MinDuration:
		default:
			out = append(out, s)
		}
		if len(out) == limit {
			break
		}
	}
	return out
}
