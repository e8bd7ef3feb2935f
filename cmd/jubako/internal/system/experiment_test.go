package system

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/platform/testkit"
)

// TestExperiments runs steady-state experiments against a real shop with
// real faults, guests checking out meanwhile: a fault the shop absorbs
// holds, one it cannot deviates, and an abort condition ends a run early
// with its faults gone at once.
func TestExperiments(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, shopSettings, linked.Modules()...)
		s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
		s.setStock(t, candleHolder, 100000)
		faults := chaos.NewStore(p.Broker.Redis, p.Bus, prometheus.NewRegistry(), slog.New(slog.DiscardHandler))

		t.Run("payment 300 ms slower holds", func(t *testing.T) {
			run := s.experiment(t, `{"name": "payment 300 ms slower", "duration": "4s", "settle": "20s",
			  "faults": [{"target": "payment.Charge", "kind": "latency", "latency": "300ms"}],
			  "hypothesis": [{"metric": "checkout_success_rate", "max_delta": 0.05},
			                 {"metric": "saga_completion_rate", "saga": "checkout", "max_delta": 0.05}]}`)
			if run.Status != experiment.StatusFinished || run.Verdict != experiment.Held {
				t.Fatalf("run %s, verdict %s, want finished held: %s", run.Status, run.Verdict, report(run))
			}
		})
		// An outage of payment shorter than a saga's deadline is absorbed:
		// the breaker refuses the charges, which wait for it without using
		// their attempts. A payment that declines every card is not.
		t.Run("payment declining every card deviates", func(t *testing.T) {
			run := s.experiment(t, `{"name": "payment declines", "duration": "4s", "settle": "20s",
			  "faults": [{"target": "payment.Charge", "kind": "error", "code": "conflict"}],
			  "hypothesis": [{"metric": "checkout_success_rate", "max_delta": 0.05}]}`)
			if run.Status != experiment.StatusFinished || run.Verdict != experiment.Deviated {
				t.Fatalf("run %s, verdict %s, want finished deviated: %s", run.Status, run.Verdict, report(run))
			}
			if f := run.Experiment.Figures[0]; f.Value > 0.05 {
				t.Errorf("experiment cohort's checkouts succeeded at %.2f with every card declined: %s", f.Value, report(run))
			}
			if f := run.Control.Figures[0]; f.Value < 0.95 {
				t.Errorf("control cohort's checkouts succeeded at %.2f: the fault reached it: %s", f.Value, report(run))
			}
		})
		t.Run("catalog down holds: product pages answer from last good, marked stale", func(t *testing.T) {
			ctx, stop := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			var stale atomic.Int64
			for range 8 {
				wg.Go(func() { s.browser(ctx, &stale) })
			}
			defer func() { stop(); wg.Wait() }()
			run := s.experiment(t, `{"name": "catalog down, pages from last good", "duration": "4s", "settle": "5s",
			  "faults": [{"target": "catalog.GetProduct", "kind": "error"}],
			  "hypothesis": [{"metric": "route_error_rate", "route": "GET /product/:id", "max_delta": 0.01}],
			  "abort_when": {"metric": "route_error_rate", "route": "GET /product/:id", "above": 0.5}}`)
			if run.Status != experiment.StatusFinished || run.Verdict != experiment.Held {
				t.Fatalf("run %s, verdict %s, want finished held: %s", run.Status, run.Verdict, report(run))
			}
			if stale.Load() == 0 {
				t.Fatalf("no product page was answered stale: the fault never hit, so the run proves nothing: %s", report(run))
			}
		})
		t.Run("payment declining every card aborts on its condition", func(t *testing.T) {
			start := time.Now()
			run := s.experiment(t, `{"name": "payment declines, guarded", "duration": "40s",
			  "faults": [{"target": "payment.Charge", "kind": "error", "code": "conflict"}],
			  "hypothesis": [{"metric": "checkout_success_rate", "max_delta": 0.05}],
			  "abort_when": {"metric": "checkout_success_rate", "below": 0.5, "min_sample": 3}}`)
			if run.Status != experiment.StatusAborted || run.Reason == "" || time.Since(start) > 30*time.Second {
				t.Fatalf("run %s after %s, want aborted early by its condition: %s", run.Status, time.Since(start), report(run))
			}
			if fs, err := faults.List(context.Background()); err != nil || len(fs) != 0 {
				t.Fatalf("faults after the abort: %+v %v, want none", fs, err)
			}
			c := s.customer()
			c.add(t, candleHolder, 1)
			status, id, body := c.checkout(t, form(nil), "")
			if status != http.StatusAccepted {
				t.Fatalf("checkout after the abort: %d %s", status, body)
			}
			if o := c.settled(t, id); o.Status != orders.StatusCompleted {
				t.Fatalf("a checkout right after the abort ended %s (%s)", o.Status, o.CancellationReason)
			}
		})
	})
}

// TestExperimentsAcrossProcesses runs "payment down" on the shop with
// payment in its own process: the cohort travels with the saga's charge
// over the remote transport, and the fault — added through the front —
// hits the experiment cohort's charges in the payment process only.
func TestExperimentsAcrossProcesses(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := processes(split{tags: "split_payment"}, split{tags: "only_payment", module: "payment"})(t, be, nil)
		s.setStock(t, candleHolder, 100000)
		run := s.experiment(t, `{"name": "payment down, split", "duration": "5s", "settle": "20s",
		  "faults": [{"target": "payment.Charge", "kind": "error", "code": "invalid"}],
		  "hypothesis": [{"metric": "checkout_success_rate", "max_delta": 0.05},
		                 {"metric": "route_error_rate", "route": "GET /api/orders/:id", "max_delta": 0.05}]}`)
		if run.Status != experiment.StatusFinished || run.Verdict != experiment.Deviated || run.Lines[1].Verdict != experiment.Held {
			t.Fatalf("run %s, verdict %s, want finished deviated on checkouts only: %s", run.Status, run.Verdict, report(run))
		}
		if c, e := run.Control.Figures[0], run.Experiment.Figures[0]; c.Value < 0.95 || e.Value > 0.05 {
			t.Fatalf("checkouts succeeded at %.2f (control) and %.2f (experiment): %s", c.Value, e.Value, report(run))
		}
	})
}

// experiment starts def with guests checking out meanwhile, and returns
// the run once it ended.
func (s *shop) experiment(t *testing.T, def string) experiment.Run {
	t.Helper()
	var run experiment.Run
	status, data := call(t, http.DefaultClient, http.MethodPost, s.url+"/api/admin/experiments", def, "Authorization", s.admin)
	decode(t, status, data, http.StatusCreated, &run)
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() { s.shopper(ctx) })
	}
	defer func() { stop(); wg.Wait() }()
	deadline := time.Now().Add(55 * time.Second)
	for run.Status == experiment.StatusRunning {
		if time.Now().After(deadline) {
			t.Fatalf("run still %s: %s", run.Phase, report(run))
		}
		if run.Phase == experiment.PhaseSettling {
			stop()
		}
		time.Sleep(200 * time.Millisecond)
		s.adminGet(t, "/api/admin/experiments/"+run.ID, &run)
	}
	t.Logf("%s", report(run))
	return run
}

// shopper is a guest who buys a candle holder, waits for the order to
// settle, and buys again until ctx ends.
func (s *shop) shopper(ctx context.Context) {
	c := s.customer()
	for ctx.Err() == nil {
		if status, _, err := send(c.client, http.MethodPost, s.url+"/api/cart/items", map[string]any{"product_id": candleHolder, "quantity": 1}); err != nil || status != http.StatusOK {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		status, data, err := send(c.client, http.MethodPost, s.url+"/api/checkout", form(nil))
		var reply struct {
			OrderID string `json:"order_id"`
		}
		if err != nil || status != http.StatusAccepted || json.Unmarshal(data, &reply) != nil {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		for wait := time.Now().Add(20 * time.Second); ctx.Err() == nil && time.Now().Before(wait); {
			time.Sleep(100 * time.Millisecond)
			_, data, err := send(c.client, http.MethodGet, s.url+"/api/orders/"+reply.OrderID, nil)
			var o orders.Order
			if err == nil && json.Unmarshal(data, &o) == nil && o.Status != orders.StatusPending {
				break
			}
		}
	}
}

// browser is a guest with a session (a cart) who looks at product pages
// until ctx ends, counting the pages answered from a last good reply.
func (s *shop) browser(ctx context.Context, stale *atomic.Int64) {
	c := s.customer()
	for ctx.Err() == nil {
		if status, _, err := send(c.client, http.MethodPost, s.url+"/api/cart/items", map[string]any{"product_id": candleHolder, "quantity": 1}); err == nil && status == http.StatusOK {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	for ctx.Err() == nil {
		for _, id := range []string{sunglasses, candleHolder} {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/product/"+id, nil)
			res, err := c.client.Do(req)
			if err != nil {
				continue
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.Header.Get(bus.HeaderStale) != "" {
				stale.Add(1)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func report(run experiment.Run) string {
	var b strings.Builder
	_ = experiment.WriteReport(&b, run)
	return "\n" + b.String()
}
