package console

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/telemetry"
)

func TestScrub(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"postgres URL", "dial postgres://shop:s3cret@db:5432/shop failed", "dial postgres://shop:••••••@db:5432/shop failed"},
		{"redis URL without user", "redis://:pa55@redis:6379/0", "redis://:••••••@redis:6379/0"},
		{"key=value DSN", "host=db user=shop password=s3cret dbname=shop", "host=db user=shop password=•••••• dbname=shop"},
		{"quoted password", "password='two words' host=db", "password=•••••• host=db"},
		{"token in a query", "https://x/y?token=abc&v=1", "https://x/y?token=••••••&v=1"},
		{"card number", `{"number":"4111111111111111"}`, `{"number":"[card ••••1111]"}`},
		{"card with spaces", "card 4000 0000 0000 0002 declined", "card [card ••••0002] declined"},
		{"not a card (Luhn)", "order 1234567890123456 ok", "order 1234567890123456 ok"},
		{"nanos stay", `{"units":19,"nanos":990000000}`, `{"units":19,"nanos":990000000}`},
		{"a URL without password", "http://payment:8081/internal", "http://payment:8081/internal"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := scrub(tc.in); got != tc.want {
				t.Errorf("scrub(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestWaterfallNestsSpansUnderTheirParents(t *testing.T) {
	at := time.Now()
	span := func(id, parent string, start int) telemetry.Span {
		return telemetry.Span{SpanID: id, ParentID: parent, Name: id, Start: at.Add(time.Duration(start) * time.Millisecond),
			End: at.Add(time.Duration(start+1) * time.Millisecond)}
	}
	rows := waterfall([]telemetry.Span{
		span("late-child", "root", 5), span("grandchild", "child", 2), span("root", "", 0),
		span("child", "root", 1), span("orphan", "elsewhere", 3),
	})
	var got []string
	for _, r := range rows {
		got = append(got, r.Name+":"+string(rune('0'+r.Depth)))
	}
	want := "root:0 child:1 grandchild:2 late-child:1 orphan:0"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("waterfall order %q, want %q", s, want)
	}
}

func TestTrafficRatesAreMeasuredBetweenSnapshots(t *testing.T) {
	reg := prometheus.NewRegistry()
	calls := prometheus.NewCounterVec(prometheus.CounterOpts{Name: busCalls}, []string{"caller", "module", "endpoint", "kind", "result"})
	reg.MustRegister(calls)
	charge := calls.WithLabelValues("orders", "payment", "payment.Charge", "call", "ok")
	charge.Add(100)
	tr := newTraffic(reg)
	start := tr.start.at
	key := callKey{"orders", "payment", "payment.Charge", "call", "ok"}

	f := tr.read(start.Add(10 * time.Second))
	if !f.Since || f.Total[key] != 100 || f.Delta[key] != 0 {
		t.Fatalf("first read: %+v", f)
	}
	charge.Add(20)
	f = tr.read(start.Add(20 * time.Second))
	if f.Since || f.Window != 10*time.Second || f.Rate(f.Delta[key]) != 2 {
		t.Fatalf("second read: window %s, delta %v, since %v; want 20 calls over 10s", f.Window, f.Delta[key], f.Since)
	}
	charge.Add(30)
	tr.read(start.Add(45 * time.Second))
	charge.Add(60)
	f = tr.read(start.Add(75 * time.Second))
	if f.Window != 30*time.Second || f.Delta[key] != 60 {
		t.Errorf("after the window moved: window %s, delta %v; want the last 30s and 60 calls", f.Window, f.Delta[key])
	}
}

func TestEdgesComeFromTrafficAndSubscriptions(t *testing.T) {
	reg := bus.Registry{
		Modules: []string{"orders", "payment", "notification"},
		Topics:  []bus.TopicEntry{{Name: "orders.done.v1", Module: "orders"}, {Name: "jubako.saga_step.v1", Module: "jubako"}},
		Subscriptions: []bus.SubscriptionEntry{
			{Topic: "orders.done.v1", Module: "notification"}, {Topic: "jubako.saga_step.v1", Module: "orders"},
		},
	}
	f := flow{Window: 10 * time.Second, Total: map[callKey]float64{
		{"orders", "payment", "payment.Charge", "call", "ok"}:        10,
		{"orders", "payment", "payment.Charge", "call", "conflict"}:  2,
		{"gateway", "orders", "jubako.saga_step.v1", "event", "ok"}:  7,
		{"gateway", "notification", "orders.done.v1", "event", "ok"}: 3,
	}, Delta: map[callKey]float64{{"orders", "payment", "payment.Charge", "call", "ok"}: 5}}
	edges := edgesOf(reg, f)
	if len(edges) != 2 {
		t.Fatalf("edges %+v, want orders→notification and orders→payment", edges)
	}
	event, call := edges[0], edges[1]
	if event.From != "orders" || event.To != "notification" || !event.Event || event.Total != 3 {
		t.Errorf("event edge %+v", event)
	}
	if call.From != "orders" || call.To != "payment" || call.Event || call.Total != 12 || call.Errors != 2 || call.Rate != 0.5 {
		t.Errorf("call edge %+v", call)
	}
	nodes := layout(map[string]bool{"gateway": true, "orders": true, "payment": true}, map[string]string{"payment": "http://p"}, colors{}.of)
	if nodes[0].Name != "gateway" || nodes[0].Y >= nodes[1].Y || !nodes[2].Remote || nodes[1].Remote {
		t.Errorf("layout %+v: want the gateway on top and payment remote", nodes)
	}
}
