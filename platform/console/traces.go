package console

import (
	"regexp"
	"sort"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// traceListData is the traces page: the filter as given, and the traces.
type traceListData struct {
	Route, Min, Status string
	Failed             bool
	Query              string
	Traces             []telemetry.Summary
}

func (k *Console) traceList(c *fiber.Ctx) (any, error) {
	f, err := telemetry.ParseFilter(c.Queries())
	if err != nil {
		return nil, err
	}
	return traceListData{
		Route: f.Route, Min: c.Query("min"), Status: c.Query("status"), Failed: f.FailedOnly,
		Query: filterQuery(c, "route", "failed", "status", "min"), Traces: k.d.Ring.Find(f),
	}, nil
}

// spanRow is one span of the waterfall.
type spanRow struct {
	telemetry.Span
	Depth    int
	Offset   time.Duration
	Duration time.Duration
	// Left and Width place the span's bar, in percent of the trace; End is
	// where it ends.
	Left, Width, End float64
	Attrs            [][2]string
}

// traceData is a trace's page.
type traceData struct {
	Summary telemetry.Summary
	Rows    []spanRow
	Ticks   []time.Duration
}

var traceID = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (k *Console) traceDetail(c *fiber.Ctx) (any, error) {
	id := c.Params("id")
	if !traceID.MatchString(id) {
		return nil, shared.Invalid("id", "a trace id is 32 lower-case hex digits")
	}
	s, _ := sessionOf(c)
	spans := k.d.Trace(c.UserContext(), id, "Bearer "+s.token)
	if len(spans) == 0 {
		return nil, shared.Errorf(shared.CodeNotFound, "no trace %s in memory: the ring keeps the most recent traces only", id)
	}
	sum := telemetry.Summarize(spans)
	total := max(sum.Duration, time.Microsecond)
	d := traceData{Summary: sum}
	for i := range 5 {
		d.Ticks = append(d.Ticks, total*time.Duration(i)/4)
	}
	for _, sp := range waterfall(spans) {
		sp.Offset, sp.Duration = sp.Start.Sub(sum.Start), sp.Span.Duration()
		sp.Left = percent(sp.Offset, total)
		sp.Width = max(percent(sp.Duration, total), 0.3)
		sp.Left = min(sp.Left, 100-sp.Width)
		sp.End = sp.Left + sp.Width
		d.Rows = append(d.Rows, sp)
	}
	return d, nil
}

// waterfall orders spans depth first, children by start time under their
// parent; spans whose parent is not here (the root, or a parent in a
// process that did not answer) start at depth 0.
func waterfall(spans []telemetry.Span) []spanRow {
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start.Before(spans[j].Start) })
	ids := map[string]bool{}
	for _, sp := range spans {
		ids[sp.SpanID] = true
	}
	children := map[string][]telemetry.Span{}
	var roots []telemetry.Span
	for _, sp := range spans {
		if sp.ParentID == "" || !ids[sp.ParentID] {
			roots = append(roots, sp)
			continue
		}
		children[sp.ParentID] = append(children[sp.ParentID], sp)
	}
	var out []spanRow
	var walk func(sp telemetry.Span, depth int)
	walk = func(sp telemetry.Span, depth int) {
		out = append(out, spanRow{Span: sp, Depth: depth, Attrs: sortedAttrs(sp.Attrs)})
		for _, ch := range children[sp.SpanID] {
			walk(ch, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

func sortedAttrs(attrs map[string]string) [][2]string {
	out := make([][2]string, 0, len(attrs))
	for k, v := range attrs {
		out = append(out, [2]string{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
