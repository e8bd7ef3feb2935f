package gateway_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/platform/testkit"
)

// newGateway builds a gateway as a process does, over an embedded broker,
// with tracing installed and its log lines in logs.
func newGateway(t *testing.T, logs io.Writer) *gateway.Gateway {
	t.Helper()
	return newGatewayWith(t, gateway.Defaults(), logs)
}

// newGatewayWith is newGateway with the configuration cfg.
func newGatewayWith(t *testing.T, cfg gateway.Config, logs io.Writer) *gateway.Gateway {
	t.Helper()
	tel, err := telemetry.New(telemetry.Defaults(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	keys, err := auth.Load(auth.Config{SigningKey: "a-test-signing-key-0123456789abcdef", TokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	br := broker.Embedded(miniredis.NewMiniRedis())
	t.Cleanup(func() { _ = br.Close() })
	log := slog.New(telemetry.LogHandler{Handler: slog.NewJSONHandler(logs, nil)})
	return gateway.New(cfg, keys, telemetry.NewMetrics(), br, bus.New(), log)
}

// TestEveryRequestIsLoggedOnce checks that a request is logged once with
// the status its client gets — a handler's panic included, which is still
// answered with the 500 JSON error.
func TestEveryRequestIsLoggedOnce(t *testing.T) {
	const traceID = "0af7651916cd43dd8448eb211c80319c"
	for _, tc := range []struct {
		name    string
		handler fiber.Handler
		status  int
		body    string
	}{
		{"answered", func(c *fiber.Ctx) error { return c.SendString("ok") }, http.StatusOK, "ok"},
		{"panics", func(*fiber.Ctx) error { panic("boom") }, http.StatusInternalServerError,
			`{"error":{"code":"internal","message":"internal error"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs := &testkit.LogBuffer{}
			g := newGateway(t, logs)
			g.API("shop").Get("/items/:id", tc.handler)

			req := httptest.NewRequest(http.MethodGet, "/api/shop/items/7", nil)
			req.Header.Set("traceparent", "00-"+traceID+"-b7ad6b7169203331-01")
			res, err := g.App.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status || string(body) != tc.body {
				t.Fatalf("answer %d %s, want %d %s", res.StatusCode, body, tc.status, tc.body)
			}

			lines := logs.Lines(t, "request")
			if len(lines) != 1 {
				t.Fatalf("%d access log lines, want 1: %v", len(lines), lines)
			}
			want := map[string]any{
				"level": "INFO", "method": "GET", "route": "/api/shop/items/:id", "path": "/api/shop/items/7",
				"status": float64(tc.status), "trace_id": traceID, "request_id": res.Header.Get("X-Request-ID"),
			}
			for k, v := range want {
				if lines[0][k] != v {
					t.Errorf("%s = %v, want %v in %v", k, lines[0][k], v, lines[0])
				}
			}
			if d, ok := lines[0]["duration_ms"].(float64); !ok || d < 0 {
				t.Errorf("duration_ms %v", lines[0]["duration_ms"])
			}
		})
	}
}
