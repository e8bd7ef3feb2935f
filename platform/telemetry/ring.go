package telemetry

import (
	"context"
	"sort"
	"sync"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// maxSpansPerTrace bounds one trace in the ring.
const maxSpansPerTrace = 1000

// Span is a finished span as the console shows it.
type Span struct {
	TraceID  string            `json:"trace_id"`
	SpanID   string            `json:"span_id"`
	ParentID string            `json:"parent_id,omitempty"`
	Name     string            `json:"name"`
	Kind     string            `json:"kind"`
	Service  string            `json:"service"`
	Module   string            `json:"module,omitempty"`
	Start    time.Time         `json:"start"`
	End      time.Time         `json:"end"`
	Error    string            `json:"error,omitempty"`
	Failed   bool              `json:"failed"`
	Attrs    map[string]string `json:"attrs,omitempty"`
}

// Duration is End - Start.
func (s Span) Duration() time.Duration { return s.End.Sub(s.Start) }

// Ring keeps the spans of the most recent traces in memory. It is a span
// processor: every span recorded in this process lands here when it ends.
type Ring struct {
	mu      sync.RWMutex
	size    int
	order   []trace.TraceID
	traces  map[trace.TraceID][]Span
	service string
}

// NewRing keeps the last size traces.
func NewRing(size int, service string) *Ring {
	return &Ring{size: size, traces: map[trace.TraceID][]Span{}, service: service}
}

// OnEnd records a finished span.
func (r *Ring) OnEnd(s sdktrace.ReadOnlySpan) {
	span := toSpan(s, r.service)
	id := s.SpanContext().TraceID()
	r.mu.Lock()
	defer r.mu.Unlock()
	spans, ok := r.traces[id]
	if !ok {
		if len(r.order) >= r.size {
			delete(r.traces, r.order[0])
			r.order = r.order[1:]
		}
		r.order = append(r.order, id)
	}
	if len(spans) < maxSpansPerTrace {
		r.traces[id] = append(spans, span)
	}
}

// OnStart, ForceFlush and Shutdown complete sdktrace.SpanProcessor.
func (r *Ring) OnStart(context.Context, sdktrace.ReadWriteSpan) {}

// ForceFlush has nothing to flush.
func (r *Ring) ForceFlush(context.Context) error { return nil }

// Shutdown keeps the spans: the console may still read them.
func (r *Ring) Shutdown(context.Context) error { return nil }

// Trace returns the spans of one trace, by start time.
func (r *Ring) Trace(traceID string) []Span {
	id, err := trace.TraceIDFromHex(traceID)
	if err != nil {
		return nil
	}
	r.mu.RLock()
	spans := append([]Span(nil), r.traces[id]...)
	r.mu.RUnlock()
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start.Before(spans[j].Start) })
	return spans
}

// Recent returns the most recent traces' spans, newest trace first.
func (r *Ring) Recent(limit int) [][]Span {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out [][]Span
	for i := len(r.order) - 1; i >= 0 && len(out) < limit; i-- {
		out = append(out, append([]Span(nil), r.traces[r.order[i]]...))
	}
	return out
}

func toSpan(s sdktrace.ReadOnlySpan, service string) Span {
	span := Span{
		TraceID: s.SpanContext().TraceID().String(), SpanID: s.SpanContext().SpanID().String(),
		Name: s.Name(), Kind: s.SpanKind().String(), Service: service, Start: s.StartTime(), End: s.EndTime(),
		Attrs: map[string]string{},
	}
	if s.Parent().IsValid() {
		span.ParentID = s.Parent().SpanID().String()
	}
	if s.Status().Code.String() == "Error" {
		span.Failed, span.Error = true, s.Status().Description
	}
	for _, kv := range s.Attributes() {
		span.Attrs[string(kv.Key)] = kv.Value.String()
	}
	span.Module = span.Attrs[AttrModule]
	return span
}
