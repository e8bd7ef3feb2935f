package system

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
)

// TestAccessLogCarriesTheTrace reads the access log line of a product
// page: its trace, its user and the module owning the route — also when
// the cache answers, ahead of the route.
func TestAccessLogCarriesTheTrace(t *testing.T) {
	logs := &testkit.LogBuffer{}
	p := testkit.StartWith(t, testkit.Options{
		Backend: testkit.SQLite(t), Settings: shopSettings, Modules: edge,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	})
	const traceID = "0af7651916cd43dd8448eb211c80319c"
	for _, tc := range []struct {
		name    string
		headers []string
		user    string
		cache   string
	}{
		{"a visitor", []string{"traceparent", "00-" + traceID + "-b7ad6b7169203331-01"}, "anonymous", "MISS"},
		{"a customer, from the cache", []string{"Authorization", testkit.CustomerAuthorization}, "test-customer", "HIT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := p.Do(t, http.MethodGet, "/api/catalog/products/"+loafers, nil, tc.headers...)
			if res.Status != http.StatusOK || res.Header.Get("X-Cache") != tc.cache {
				t.Fatalf("%d X-Cache %q", res.Status, res.Header.Get("X-Cache"))
			}
			echoed := strings.Split(res.Header.Get("traceparent"), "-")
			if len(echoed) != 4 {
				t.Fatalf("traceparent %q", res.Header.Get("traceparent"))
			}
			if tc.cache == "MISS" && echoed[1] != traceID {
				t.Errorf("trace %s answered, want the caller's %s", echoed[1], traceID)
			}
			line := lineOf(t, logs, res.Header.Get("X-Request-ID"))
			want := map[string]any{
				"level": "INFO", "method": "GET", "route": "/api/catalog/products/:id", "path": "/api/catalog/products/" + loafers,
				"status": 200.0, "user": tc.user, "bytes": float64(len(res.Body)), "trace_id": echoed[1], "module": "catalog",
			}
			for k, v := range want {
				if line[k] != v {
					t.Errorf("%s = %v, want %v in %v", k, line[k], v, line)
				}
			}
			if d, ok := line["duration_ms"].(float64); !ok || d < 0 {
				t.Errorf("duration_ms %v", line["duration_ms"])
			}
		})
	}
}

// lineOf finds the access log line of a request; the line is written as
// the answer goes out.
func lineOf(t *testing.T, logs *testkit.LogBuffer, requestID string) map[string]any {
	t.Helper()
	for _, line := range logs.Lines(t, "request") {
		if line["request_id"] == requestID {
			return line
		}
	}
	t.Fatalf("no access log line with request_id %q", requestID)
	return nil
}

// The front module's route asks the back module's endpoint; both log.
type echo struct {
	Word string `json:"word"`
}

var backEcho = bus.Endpoint[echo, echo]("back.Echo", bus.Idempotent())

var frontAndBack = []fx.Option{
	host.Module("back", fx.Invoke(func(b *bus.Bus, log *slog.Logger) {
		backEcho.Handle(b, func(ctx context.Context, e echo) (echo, error) {
			log.InfoContext(ctx, "back echoes", "word", e.Word)
			return e, nil
		})
	})),
	host.Module("front", fx.Invoke(func(g *gateway.Gateway, b *bus.Bus, log *slog.Logger) {
		g.API("front").Get("/say/:word", func(c *fiber.Ctx) error {
			log.InfoContext(c.UserContext(), "front asks", "word", c.Params("word"))
			e, err := backEcho.Call(c.UserContext(), b, echo{Word: c.Params("word")})
			if err != nil {
				return err
			}
			return c.JSON(e)
		})
	})),
}

// TestLogLinesOfARequestNameTheirModule follows a request to a module's
// route that calls another module: the access log line and the handler's
// line name the route's module, the endpoint's line its own module, all
// with the request's trace; the call is counted as coming from the route's
// module. A path that only starts like the module's (/api/frontier) is not
// the module's.
func TestLogLinesOfARequestNameTheirModule(t *testing.T) {
	logs := &testkit.LogBuffer{}
	p := testkit.StartWith(t, testkit.Options{
		Backend: testkit.SQLite(t), Settings: shopSettings, Modules: frontAndBack,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	})
	const traceID = "5bf92f3577b34da6a3ce929d0e0e4736"
	res := p.Do(t, http.MethodGet, "/api/front/say/hello", nil, "traceparent", "00-"+traceID+"-00f067aa0ba902b7-01")
	if res.Status != http.StatusOK || string(res.Body) != `{"word":"hello"}` {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	access := lineOf(t, logs, res.Header.Get("X-Request-ID"))
	front, back := onlyLine(t, logs, "front asks"), onlyLine(t, logs, "back echoes")
	// The answer's traceparent names the request's span: 00-<trace>-<span>-<flags>.
	parts := strings.Split(res.Header.Get("traceparent"), "-")
	if len(parts) != 4 || parts[1] != traceID {
		t.Fatalf("traceparent %q, want one in trace %s", res.Header.Get("traceparent"), traceID)
	}
	requestSpan := parts[2]
	for _, tc := range []struct {
		name   string
		line   map[string]any
		module string
		span   any
	}{
		{"the access log", access, "front", requestSpan},
		{"the route's handler", front, "front", requestSpan},
		{"the endpoint's handler", back, "back", nil},
	} {
		spanOK := tc.line["span_id"] == tc.span || tc.span == nil && tc.line["span_id"] != nil
		if tc.line["module"] != tc.module || tc.line["trace_id"] != traceID || !spanOK {
			t.Errorf("%s: module %v trace_id %v span_id %v, want %s, %s, %v", tc.name,
				tc.line["module"], tc.line["trace_id"], tc.line["span_id"], tc.module, traceID, tc.span)
		}
	}
	if back["span_id"] == access["span_id"] {
		t.Errorf("the endpoint logs in the request's span %v, want the call's own", back["span_id"])
	}

	res = p.Do(t, http.MethodGet, "/api/frontier", nil)
	if line := lineOf(t, logs, res.Header.Get("X-Request-ID")); res.Status != http.StatusNotFound || line["module"] != nil {
		t.Errorf("GET /api/frontier: %d, logged with module %v, want 404 and none", res.Status, line["module"])
	}

	metrics := p.Do(t, http.MethodGet, "/metrics", nil, "Authorization", testkit.AdminAuthorization)
	series := `jubako_bus_calls_total{caller="front",endpoint="back.Echo",kind="call",module="back",result="ok"}`
	if v, ok := sample(string(metrics.Body), series); !ok || v != 1 {
		t.Errorf("%s = %v (found %v), want 1\n%s", series, v, ok, grepLines(string(metrics.Body), "jubako_bus_calls_total"))
	}
}

// onlyLine is the one line logged with msg.
func onlyLine(t *testing.T, logs *testkit.LogBuffer, msg string) map[string]any {
	t.Helper()
	lines := logs.Lines(t, msg)
	if len(lines) != 1 {
		t.Fatalf("%d lines %q, want 1: %v", len(lines), msg, lines)
	}
	return lines[0]
}

// TestStartLogGivesTheConsoleURL reads the line a process logs once it
// listens: it gives the console's address, which a browser on the machine
// opens.
func TestStartLogGivesTheConsoleURL(t *testing.T) {
	for _, tc := range []struct{ name, addr, host string }{
		{"on the loopback", "127.0.0.1:0", "127.0.0.1"},
		{"on every interface", ":0", "localhost"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs := &testkit.LogBuffer{}
			p := testkit.StartWith(t, testkit.Options{
				Backend: testkit.SQLite(t), Settings: with(testkit.Settings{"http.addr": tc.addr}), Modules: edge,
				Logger: slog.New(slog.NewJSONHandler(logs, nil)),
			})
			_, port, _ := net.SplitHostPort(p.Gateway.Addr())
			want := "http://" + net.JoinHostPort(tc.host, port) + "/admin"
			if got := onlyLine(t, logs, "listening")["console"]; got != want {
				t.Fatalf("console %v, want %s", got, want)
			}
			res := testkit.Do(t, http.MethodGet, want, nil)
			if res.Status != http.StatusOK || !strings.Contains(string(res.Body), `action="/admin/login"`) {
				t.Errorf("GET %s: %d, want the console's login page\n%s", want, res.Status, res.Body)
			}
		})
	}
}
