package telemetry_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// request records a trace of one request: its root span answered status
// after took; failed marks a child span as failed.
func request(t *testing.T, tp *sdktrace.TracerProvider, route string, status int, took time.Duration, failed bool) string {
	t.Helper()
	start := time.Now()
	ctx, root := tp.Tracer("test").Start(context.Background(), "GET "+route, trace.WithTimestamp(start),
		trace.WithAttributes(attribute.Int("http.status_code", status)))
	_, child := tp.Tracer("test").Start(ctx, "bus call", trace.WithTimestamp(start))
	if failed {
		child.SetStatus(codes.Error, "boom")
	}
	child.End(trace.WithTimestamp(start.Add(took / 2)))
	root.End(trace.WithTimestamp(start.Add(took)))
	return root.SpanContext().TraceID().String()
}

func TestTracesAreFoundByRouteStatusFailureAndDuration(t *testing.T) {
	ring := telemetry.NewRing(100, "test")
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(ring))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	ok := request(t, tp, "/api/cart", 200, 5*time.Millisecond, false)
	missing := request(t, tp, "/api/orders/:id", 404, 2*time.Millisecond, false)
	broken := request(t, tp, "/api/checkout", 500, 300*time.Millisecond, false)
	declined := request(t, tp, "/api/checkout", 202, 40*time.Millisecond, true)

	for _, tc := range []struct {
		query map[string]string
		want  []string
	}{
		{map[string]string{}, []string{declined, broken, missing, ok}},
		{map[string]string{"route": "/api/checkout"}, []string{declined, broken}},
		{map[string]string{"status": "404"}, []string{missing}},
		{map[string]string{"status": "2xx"}, []string{declined, ok}},
		{map[string]string{"status": "5XX"}, []string{broken}},
		{map[string]string{"failed": "true"}, []string{declined, broken}},
		{map[string]string{"min": "30ms"}, []string{declined, broken}},
		{map[string]string{"route": "/api/checkout", "status": "2xx", "min": "10ms"}, []string{declined}},
		{map[string]string{"limit": "1"}, []string{declined}},
	} {
		f, err := telemetry.ParseFilter(tc.query)
		if err != nil {
			t.Fatalf("%v: %v", tc.query, err)
		}
		var got []string
		for _, s := range ring.Find(f) {
			got = append(got, s.TraceID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("traces for %v = %v, want %v", tc.query, got, tc.want)
		}
	}
}

func TestBadTraceFiltersNameTheParameter(t *testing.T) {
	for key, values := range map[string][]string{
		"status": {"abc", "4x", "6xx", "0xx", "99", "600", "1000"},
		"min":    {"soon", "-1s"},
		"failed": {"maybe"},
		"limit":  {"0", "1001", "x"},
	} {
		for _, v := range values {
			_, err := telemetry.ParseFilter(map[string]string{key: v})
			if e := shared.AsError(err); err == nil || e.Code != shared.CodeInvalid || e.Field != key {
				t.Errorf("%s=%q: got %v, want invalid naming %s", key, v, err, key)
			}
		}
	}
}
