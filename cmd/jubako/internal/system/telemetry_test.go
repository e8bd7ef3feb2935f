package system

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
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
	p := testkit.Start(t, testkit.SQLite(t), shopSettings, linked.Modules()...)
	s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
	tr := checkoutTrace(t, s)
	for _, m := range []string{"orders", "inventory", "payment", "shipping", "cart", "notification", "catalog", "currency"} {
		if !slices.Contains(tr.Summary.Modules, m) {
			t.Errorf("the trace has no span of %s (modules %v)", m, tr.Summary.Modules)
		}
	}
	for _, name := range []string{"POST /api/checkout/", "publish jubako.saga_step.v2", "dispatch jubako.saga_step.v2",
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
	r := startTopology(t, testkit.Main(t), split{tags: "split_payment"}, split{tags: "only_payment", module: "payment"})
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

// TestMetricsAfterCheckout reads /metrics after a completed checkout, a
// look at the cart and a storefront page: HTTP requests and their latency
// by route, bus calls by caller (the module whose route or handler made
// them) and their latency, the outbox drained, the deliveries by path
// and the saga completed.
func TestMetricsAfterCheckout(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), shopSettings, linked.Modules()...)
	s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
	checkoutTrace(t, s)
	c := s.customer()
	c.cart(t)
	status, data := call(t, c.client, http.MethodGet, p.URL+"/bff/web/product/"+sunglasses, nil)
	decode(t, status, data, http.StatusOK, nil)
	var text string
	testkit.Eventually(t, 10*time.Second, func() bool {
		_, data := call(t, http.DefaultClient, http.MethodGet, p.URL+"/metrics", nil, "Authorization", testkit.AdminAuthorization)
		text = string(data)
		backlog, ok := sample(text, `jubako_outbox_backlog`)
		return ok && backlog == 0
	}, func() string { return "the outbox backlog never drained:\n" + grepLines(text, "jubako_outbox") })
	for _, m := range expectedSeries() {
		got, ok := sample(text, m.series)
		name, _, _ := strings.Cut(m.series, "{")
		switch {
		case !ok:
			t.Errorf("%s is missing; /metrics has:\n%s", m.series, grepLines(text, name))
		case got < m.min || got > m.max:
			t.Errorf("%s = %v, want within [%v, %v]", m.series, got, m.min, m.max)
		}
	}
	if calls := grepLines(text, `jubako_bus_calls_total{caller="gateway",`); strings.Contains(calls, `kind="call"`) {
		t.Errorf("calls counted as the gateway's, not a module's:\n%s", calls)
	}
}

// TestModuleMapDrawsTheCallsOfRoutes opens the console's module map after
// a storefront page and a look at the cart: the storefront's route calls
// catalog and ads (arrows from storefront), the cart's route its own
// module's endpoint (an arrow from the gateway).
func TestModuleMapDrawsTheCallsOfRoutes(t *testing.T) {
	p, s, _ := consoleShop(t)
	c := s.customer()
	c.cart(t)
	status, data := call(t, c.client, http.MethodGet, p.URL+"/bff/web/product/"+sunglasses, nil)
	decode(t, status, data, http.StatusOK, nil)
	cookie, _ := consoleSession(t, p.URL)
	res := get(t, http.DefaultClient, p.URL+"/admin/map", nil, "Cookie", cookie)
	for _, edge := range [][2]string{{"storefront", "catalog"}, {"storefront", "ads"}, {"gateway", "cart"}} {
		if want := fmt.Sprintf(`data-from=%q data-to=%q`, edge[0], edge[1]); !strings.Contains(res.body, want) {
			t.Errorf("the map has no arrow %s → %s (%d)", edge[0], edge[1], res.status)
		}
	}
}

type expected struct {
	series   string
	min, max float64
}

func expectedSeries() []expected {
	inf, positive := math.Inf(1), math.SmallestNonzeroFloat64
	out := []expected{
		{`jubako_http_requests_total{method="POST",route="/api/checkout/",status="202"}`, 1, inf},
		{`jubako_http_request_duration_seconds_count{method="POST",route="/api/checkout/"}`, 1, inf},
		{`jubako_http_request_duration_seconds_sum{method="POST",route="/api/checkout/"}`, positive, inf},
		{`jubako_bus_calls_total{caller="orders",endpoint="payment.Charge",kind="call",module="payment",result="ok"}`, 1, inf},
		// POST /api/checkout (orders) reads the cart, GET /api/cart is cart's own.
		{`jubako_bus_calls_total{caller="orders",endpoint="cart.GetCart",kind="call",module="cart",result="ok"}`, 1, inf},
		{`jubako_bus_calls_total{caller="cart",endpoint="cart.GetCart",kind="call",module="cart",result="ok"}`, 1, inf},
		{`jubako_bus_calls_total{caller="storefront",endpoint="catalog.GetProduct",kind="call",module="catalog",result="ok"}`, 1, inf},
		{`jubako_bus_call_duration_seconds_count{endpoint="payment.Charge",kind="call"}`, 1, inf},
		{`jubako_bus_call_duration_seconds_count{endpoint="inventory.Reserve",kind="call"}`, 1, inf},
		{`jubako_sagas{name="checkout",status="COMPLETED"}`, 1, inf},
		// The age of the oldest message not yet dispatched: 0 when none waits.
		{`jubako_outbox_dispatch_lag_seconds`, 0, 0},
		// The monolith runs the saga's steps in memory, asynq carries none.
		{`jubako_outbox_deliveries_total{path="local",queue="orders"}`, 6, inf},
		{`jubako_outbox_deliveries_total{path="asynq",queue="orders"}`, 0, 0},
		{`jubako_outbox_local_waiting`, 0, inf},
	}
	return out
}

// sample returns the value of a series, written as /metrics writes it
// (labels in name order), and whether /metrics has it.
func sample(text, series string) (float64, bool) {
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
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
