package telemetry_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"go.opentelemetry.io/otel/trace"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/telemetry"
)

type echo struct{ N int }

var echoEndpoint = bus.Endpoint[echo, echo]("sampling.Echo")

// sampled starts telemetry recording the given share of new traces.
func sampled(t *testing.T, rate float64) *telemetry.Telemetry {
	t.Helper()
	tel, err := telemetry.New(telemetry.Config{Sampling: rate, Ring: 10000}, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	return tel
}

// tracedApp answers GET / behind the telemetry middleware.
func tracedApp() *fiber.App {
	app := fiber.New()
	app.Use(telemetry.HTTP())
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	return app
}

// tracedBus serves sampling.Echo behind the telemetry middleware and
// reports the trace id each call ran under.
func tracedBus(seen *trace.TraceID) *bus.Bus {
	b := bus.New()
	b.Use(telemetry.Bus)
	echoEndpoint.Handle(b, func(ctx context.Context, e echo) (echo, error) {
		*seen = trace.SpanContextFromContext(ctx).TraceID()
		return e, nil
	})
	return b
}

func TestSamplingOutOfRangeIsRefusedNamingTheKey(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value any
	}{
		{"negative", -0.1},
		{"above one", 1.5},
		{"not a number", "NaN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := config.Load(nil)
			if err != nil {
				t.Fatal(err)
			}
			src.Set("telemetry.sampling", tc.value)
			cfg := telemetry.Defaults()
			err = src.Decode("telemetry", &cfg)
			if err == nil || !strings.Contains(err.Error(), "telemetry.sampling") || !strings.Contains(err.Error(), "between 0 and 1") {
				t.Errorf("Decode: %v, want an error naming telemetry.sampling", err)
			}
		})
	}
	for _, rate := range []float64{0, 0.25, 1} {
		if err := (telemetry.Config{Sampling: rate, Ring: 10}).Validate(); err != nil {
			t.Errorf("sampling %v: %v, want it accepted", rate, err)
		}
	}
}

func TestSamplingZeroRecordsNothingButKeepsTraceIDs(t *testing.T) {
	for _, tc := range []struct {
		rate   float64
		record bool
	}{
		{0, false},
		{1, true},
	} {
		tel := sampled(t, tc.rate)
		res, err := tracedApp().Test(httptest.NewRequest(http.MethodGet, "/", nil))
		if err != nil {
			t.Fatal(err)
		}
		tp := strings.Split(res.Header.Get("traceparent"), "-")
		if len(tp) != 4 || !validTraceID(tp[1]) {
			t.Fatalf("sampling %v: traceparent %q, want a valid trace id", tc.rate, res.Header.Get("traceparent"))
		}
		if got := len(tel.Ring.Trace(tp[1])) == 1; got != tc.record {
			t.Errorf("sampling %v: request recorded = %v, want %v", tc.rate, got, tc.record)
		}

		var seen trace.TraceID
		if _, err := echoEndpoint.Call(context.Background(), tracedBus(&seen), echo{N: 1}); err != nil {
			t.Fatal(err)
		}
		if !seen.IsValid() {
			t.Errorf("sampling %v: the bus call ran without a trace id", tc.rate)
		}
		if got := len(tel.Ring.Trace(seen.String())) == 1; got != tc.record {
			t.Errorf("sampling %v: bus call recorded = %v, want %v", tc.rate, got, tc.record)
		}
		if n, want := len(tel.Ring.Recent(10)), map[bool]int{false: 0, true: 2}[tc.record]; n != want {
			t.Errorf("sampling %v: %d traces in the ring, want %d", tc.rate, n, want)
		}
	}
}

// TestCallersSamplingDecisionWins: a request continuing a trace is recorded
// exactly when its caller recorded it, whatever the local rate.
func TestCallersSamplingDecisionWins(t *testing.T) {
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	for _, tc := range []struct {
		name   string
		rate   float64
		flags  string
		record bool
	}{
		{"sampled caller, sampling 0", 0, "01", true},
		{"unsampled caller, sampling 0", 0, "00", false},
		{"unsampled caller, sampling 1", 1, "00", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tel := sampled(t, tc.rate)
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("traceparent", "00-"+traceID+"-00f067aa0ba902b7-"+tc.flags)
			res, err := tracedApp().Test(req)
			if err != nil {
				t.Fatal(err)
			}
			if tp := res.Header.Get("traceparent"); !strings.Contains(tp, traceID) || !strings.HasSuffix(tp, "-"+tc.flags) {
				t.Errorf("traceparent %q, want trace %s with flags %s", tp, traceID, tc.flags)
			}
			spans := tel.Ring.Trace(traceID)
			if got := len(spans) == 1 && spans[0].ParentID == "00f067aa0ba902b7"; got != tc.record {
				t.Errorf("recorded under the caller's span = %v (%+v), want %v", got, spans, tc.record)
			}
		})
	}
}

// TestFractionalSamplingRecordsItsShare starts 2000 new traces per rate
// and counts those recorded.
func TestFractionalSamplingRecordsItsShare(t *testing.T) {
	const n = 2000
	for _, tc := range []struct {
		rate     float64
		min, max int
	}{
		{0.1, n * 5 / 100, n * 15 / 100},
		{0.5, n * 35 / 100, n * 65 / 100},
		{0.9, n * 85 / 100, n * 95 / 100},
	} {
		tel := sampled(t, tc.rate)
		var seen trace.TraceID
		b := tracedBus(&seen)
		for range n {
			if _, err := echoEndpoint.Call(context.Background(), b, echo{}); err != nil {
				t.Fatal(err)
			}
		}
		if got := len(tel.Ring.Recent(n)); got < tc.min || got > tc.max {
			t.Errorf("sampling %v recorded %d of %d new traces, want %d to %d", tc.rate, got, n, tc.min, tc.max)
		}
	}
}

func validTraceID(hex string) bool {
	id, err := trace.TraceIDFromHex(hex)
	return err == nil && id.IsValid()
}
