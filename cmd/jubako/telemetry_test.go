package main

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/platform/testkit"
)

type traceReply struct {
	Summary telemetry.Summary `json:"summary"`
	Spans   []telemetry.Span  `json:"spans"`
}

// checkoutTrace places a completed order with a traceparent of our own and
// returns the trace the shop recorded for it.
func checkoutTrace(t *testing.T, s *shop) traceReply {
	t.Helper()
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	c := s.customer()
	c.add(t, sunglasses, 1)
	status, data := call(t, c.client, http.MethodPost, s.url+"/api/checkout", form(nil),
		"traceparent", "00-"+traceID+"-00f067aa0ba902b7-01")
	var placed struct {
		OrderID string `json:"order_id"`
	}
	decode(t, status, data, http.StatusAccepted, &placed)
	if o := c.settled(t, placed.OrderID); o.Status != "COMPLETED" {
		t.Fatalf("order %s: %s", o.Status, o.CancellationReason)
	}
	var tr traceReply
	testkit.Eventually(t, 30*time.Second, func() bool {
		s.adminGet(t, "/api/admin/traces/"+traceID, &tr)
		return hasSpan(tr, "saga checkout confirm")
	}, func() string { return fmt.Sprintf("trace has %d spans, none of the confirm step", len(tr.Spans)) })
	return tr
}

func hasSpan(tr traceReply, name string) bool {
	for _, sp := range tr.Spans {
		if sp.Name == name {
			return true
		}
	}
	return false
}

// TestCheckoutIsOneTrace follows one checkout from the HTTP request through
// every saga step: one trace, with spans of every module it touched.
func TestCheckoutIsOneTrace(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), shopSettings, modules...)
	s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
	tr := checkoutTrace(t, s)
	for _, m := range []string{"orders", "inventory", "payment", "shipping", "cart", "notification", "catalog", "currency"} {
		if !strings.Contains(strings.Join(tr.Summary.Modules, ","), m) {
			t.Errorf("the trace has no span of %s (modules %v)", m, tr.Summary.Modules)
		}
	}
	for _, name := range []string{"POST /api/checkout/", "publish jubako.saga_step.v1", "dispatch jubako.saga_step.v1",
		"saga checkout reserve", "inventory.Reserve", "saga checkout charge", "payment.Charge", "saga checkout ship", "shipping.Ship"} {
		if !hasSpan(tr, name) {
			t.Errorf("no span %q in the trace", name)
		}
	}
	if tr.Summary.Root != "POST /api/checkout/" {
		t.Errorf("the trace's root is %q, want the checkout request", tr.Summary.Root)
	}
}

// TestSplitCheckoutIsOneTrace does the same across processes: the spans of
// one trace id come from the monolith and from the payment service.
func TestSplitCheckoutIsOneTrace(t *testing.T) {
	if os.Getenv(testkit.EnvPostgres) == "" && os.Getenv(testkit.EnvRedis) == "" {
		t.Skip("processes share Redis and PostgreSQL: set JUBAKO_TEST_REDIS_URL and JUBAKO_TEST_POSTGRES_DSN")
	}
	r := startTopology(t, testkit.Postgres(t), split{tags: "split_payment"}, split{tags: "only_payment", module: "payment"})
	tr := checkoutTrace(t, r.shop)
	front, payment := map[string]bool{}, map[string]bool{}
	for _, sp := range tr.Spans {
		if sp.Name == "POST /api/checkout/" {
			front[sp.Service] = true
		}
		if sp.Module == "payment" && sp.Kind == "internal" {
			payment[sp.Service] = true
		}
	}
	if len(front) != 1 || len(payment) != 1 || fmt.Sprint(front) == fmt.Sprint(payment) {
		t.Errorf("checkout served by %v and payment by %v: want two processes in one trace", front, payment)
	}
}

// TestMetricsAfterCheckout reads /metrics after a checkout.
func TestMetricsAfterCheckout(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), shopSettings, modules...)
	s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
	checkoutTrace(t, s)
	var text string
	testkit.Eventually(t, 10*time.Second, func() bool {
		_, data := call(t, http.DefaultClient, http.MethodGet, p.URL+"/metrics", nil, "Authorization", testkit.AdminAuthorization)
		text = string(data)
		return metric(text, `jubako_outbox_backlog`) == 0
	}, func() string { return "the outbox backlog never drained" })
	for _, m := range []struct {
		series string
		min    float64
	}{
		{`jubako_http_requests_total{method="POST",route="/api/checkout/",status="202"}`, 1},
		{`jubako_bus_calls_total{caller="orders",endpoint="payment.Charge",kind="call",module="payment",result="ok"}`, 1},
		{`jubako_bus_calls_total{caller="gateway",endpoint="cart.GetCart",kind="call",module="cart",result="ok"}`, 1},
		{`jubako_bus_call_duration_seconds_count{endpoint="inventory.Reserve",kind="call"}`, 1},
		{`jubako_sagas{name="checkout",status="COMPLETED"}`, 1},
		{`jubako_asynq_queue_tasks{queue="orders",state="completed"}`, 1},
		{`jubako_outbox_dispatch_lag_seconds`, 0},
	} {
		if got := metric(text, regexp.QuoteMeta(m.series)); got < m.min {
			t.Errorf("%s = %v, want at least %v\n%s", m.series, got, m.min, grepLines(text, "jubako_http_requests_total"))
		}
	}
}

// metric returns the value of the first sample matching the pattern, or -1.
func metric(text, pattern string) float64 {
	re := regexp.MustCompile(`(?m)^` + pattern + ` ([0-9.e+-]+)$`)
	m := re.FindStringSubmatch(text)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func grepLines(text, prefix string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
