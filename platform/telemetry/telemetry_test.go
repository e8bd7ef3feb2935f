package telemetry_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/platform/testkit"
)

type ping struct{ N int }

var pingEndpoint = bus.Endpoint[ping, ping]("tele.Ping")

// find returns the JSON log line whose message is msg.
func find(t *testing.T, logs *testkit.LogBuffer, msg string) map[string]any {
	t.Helper()
	lines := logs.Lines(t, msg)
	if len(lines) == 0 {
		t.Fatalf("no log line %q in:\n%s", msg, logs)
	}
	return lines[0]
}

func newTelemetry(t *testing.T, cfg telemetry.Config) *telemetry.Telemetry {
	tel, err := telemetry.New(cfg, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	return tel
}

func TestBusCallsAreSpansAndLogLinesCarryTheTrace(t *testing.T) {
	tel := newTelemetry(t, telemetry.Defaults())
	lines := &testkit.LogBuffer{}
	log := slog.New(telemetry.LogHandler{Handler: slog.NewJSONHandler(lines, nil)})
	b := bus.New()
	b.Use(telemetry.Bus)
	pingEndpoint.Handle(b, func(ctx context.Context, p ping) (ping, error) {
		log.InfoContext(ctx, "pinged")
		return p, nil
	})
	ctx, root := telemetry.Tracer().Start(context.Background(), "root")
	if _, err := pingEndpoint.Call(ctx, b, ping{N: 1}); err != nil {
		t.Fatal(err)
	}
	root.End()
	traceID := root.SpanContext().TraceID().String()
	spans := tel.Ring.Trace(traceID)
	if len(spans) != 2 || spans[1].Name != "tele.Ping" || spans[1].Module != "tele" || spans[1].ParentID != spans[0].SpanID {
		t.Fatalf("spans = %+v, want root and its child tele.Ping of module tele", spans)
	}
	rec := find(t, lines, "pinged")
	if rec["trace_id"] != traceID || rec["span_id"] != spans[1].SpanID || rec["module"] != "tele" {
		t.Errorf("log line %v, want trace %s, span %s, module tele", rec, traceID, spans[1].SpanID)
	}
}

func TestHTTPContinuesTheCallersTraceAndEchoesIt(t *testing.T) {
	tel := newTelemetry(t, telemetry.Defaults())
	app := fiber.New()
	app.Use(telemetry.HTTP())
	app.Get("/things/:id", func(c *fiber.Ctx) error { return c.SendString("ok") })
	const traceID = "0af7651916cd43dd8448eb211c80319c"
	req := httptest.NewRequest(http.MethodGet, "/things/7", nil)
	req.Header.Set("traceparent", "00-"+traceID+"-b7ad6b7169203331-01")
	req.Header.Set("X-Request-ID", "req-42")
	res, err := app.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	if tp := res.Header.Get("traceparent"); !strings.Contains(tp, traceID) || res.Header.Get("X-Request-ID") != "req-42" {
		t.Errorf("traceparent %q, request id %q", tp, res.Header.Get("X-Request-ID"))
	}
	spans := tel.Ring.Trace(traceID)
	if len(spans) != 1 || spans[0].Name != "GET /things/:id" || spans[0].ParentID != "b7ad6b7169203331" {
		t.Errorf("spans = %+v, want the server span of GET /things/:id under the caller's", spans)
	}
	res, _ = app.Test(httptest.NewRequest(http.MethodGet, "/things/8", nil))
	if res.Header.Get("traceparent") == "" || res.Header.Get("X-Request-ID") == "" {
		t.Error("a request without trace headers got none back")
	}
}

func TestOnlyPrintableRequestIDsAreEchoed(t *testing.T) {
	newTelemetry(t, telemetry.Defaults())
	app := fiber.New()
	app.Use(telemetry.HTTP())
	app.Get("/", func(c *fiber.Ctx) error { return nil })
	for id, echoed := range map[string]bool{
		"req-42":                 true,
		strings.Repeat("r", 128): true,
		strings.Repeat("r", 129): false,
		"two words":              false,
		"caf\xc3\xa9":            false,
		"tab\there":              false,
	} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("X-Request-ID", id)
		res, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		got := res.Header.Get("X-Request-ID")
		if (got == id) != echoed || got == "" {
			t.Errorf("request id %q came back as %q; echoed: want %v", id, got, echoed)
		}
	}
}

func TestUnsampledTracesStillEchoAnID(t *testing.T) {
	tel := newTelemetry(t, telemetry.Config{Sampling: 0, Ring: 10})
	app := fiber.New()
	app.Use(telemetry.HTTP())
	app.Get("/", func(c *fiber.Ctx) error { return nil })
	res, _ := app.Test(httptest.NewRequest(http.MethodGet, "/", nil))
	if !strings.HasSuffix(res.Header.Get("traceparent"), "-00") {
		t.Errorf("traceparent %q, want an unsampled one", res.Header.Get("traceparent"))
	}
	if n := len(tel.Ring.Recent(10)); n != 0 {
		t.Errorf("%d traces recorded with sampling 0", n)
	}
}

func TestSpansAreExportedOverOTLP(t *testing.T) {
	got := make(chan int, 10)
	collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.URL.Path == "/v1/traces" && r.Header.Get("Content-Type") == "application/x-protobuf" {
			got <- len(body)
		}
	}))
	defer collector.Close()
	tel, err := telemetry.New(telemetry.Config{Sampling: 1, Ring: 10, OTLP: telemetry.OTLPConfig{Endpoint: collector.URL + "/v1/traces"}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	_, span := telemetry.Tracer().Start(context.Background(), "exported")
	span.End()
	if err := tel.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-got:
		if n == 0 {
			t.Error("the collector got an empty export")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no spans reached the OTLP collector")
	}
}

// TestHTTPHandlersCallAsTheirModule checks that a request marked with its
// module (as the gateway marks a module's routes) logs with it and that its
// bus calls count it as their caller; unmarked ones call as "gateway".
func TestHTTPHandlersCallAsTheirModule(t *testing.T) {
	newTelemetry(t, telemetry.Defaults())
	lines := &testkit.LogBuffer{}
	log := slog.New(telemetry.LogHandler{Handler: slog.NewJSONHandler(lines, nil)})
	m := telemetry.NewMetrics()
	b := bus.New()
	b.Use(m.Bus, telemetry.Bus)
	pingEndpoint.Handle(b, func(_ context.Context, p ping) (ping, error) { return p, nil })
	handler := func(c *fiber.Ctx) error {
		log.InfoContext(c.UserContext(), "handling "+c.Path())
		_, err := pingEndpoint.Call(c.UserContext(), b, ping{N: 1})
		return err
	}
	app := fiber.New()
	app.Use(telemetry.HTTP())
	app.Get("/unowned", handler)
	app.Group("/shop", func(c *fiber.Ctx) error {
		telemetry.SetModule(c, "shop")
		return c.Next()
	}).Get("/items", handler)
	for _, path := range []string{"/shop/items", "/shop/items", "/unowned"} {
		if res, err := app.Test(httptest.NewRequest(http.MethodGet, path, nil)); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %v %v", path, res, err)
		}
	}
	want := map[string]float64{"shop": 2, "gateway": 1}
	if got := callsByCaller(t, m, "tele.Ping"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tele.Ping calls by caller %v, want %v", got, want)
	}
	if rec := find(t, lines, "handling /shop/items"); rec["module"] != "shop" || rec["trace_id"] == nil || rec["span_id"] == nil {
		t.Errorf("log line %v, want module shop, trace_id and span_id", rec)
	}
	if rec := find(t, lines, "handling /unowned"); rec["module"] != nil {
		t.Errorf("log line %v, want no module", rec)
	}
}

// callsByCaller reads jubako_bus_calls_total of endpoint by caller.
func callsByCaller(t *testing.T, m *telemetry.Metrics, endpoint string) map[string]float64 {
	t.Helper()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, f := range families {
		if f.GetName() != "jubako_bus_calls_total" {
			continue
		}
		for _, s := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range s.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["endpoint"] == endpoint {
				out[labels["caller"]] += s.GetCounter().GetValue()
			}
		}
	}
	return out
}
