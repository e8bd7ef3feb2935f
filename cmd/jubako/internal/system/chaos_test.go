package system

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/testkit"
)

// TestFaultsInTheMonolith: an admin's fault on payment.Charge cancels the
// checkouts it hits, saying a fault was injected, until it is removed; a
// fault for the experiment's cohort spares the other requests; a fault
// ends by itself at its TTL.
func TestFaultsInTheMonolith(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, with(testkit.Settings{"service.token": serviceToken}), linked.Modules()...)
		s := &shop{url: p.URL, admin: testkit.AdminAuthorization}

		t.Run("an error fault cancels checkouts until removed", func(t *testing.T) {
			f := s.addFault(t, map[string]any{"target": "payment.Charge", "kind": "error", "cohort": "all", "ttl": "5m"})
			if f.Code != "unavailable" || f.Percent != 100 || f.Remaining == "" {
				t.Errorf("stored %+v, want code unavailable and 100 %% by default, with the time left", f)
			}
			o := s.buyMug(t)
			wantCancelledByFault(t, o)
			t.Logf("cancelled because %q", o.CancellationReason)
			if n := injections(t, s.url, "payment.Charge", "error"); n < 1 {
				t.Errorf("jubako_chaos_injected_total for payment.Charge = %v, want at least 1", n)
			}
			status, data := call(t, http.DefaultClient, http.MethodDelete, s.url+"/api/admin/faults/"+f.ID, nil, "Authorization", s.admin)
			decode(t, status, data, http.StatusOK, nil)
			if o := s.buyMug(t); o.Status != orders.StatusCompleted {
				t.Errorf("after the fault's removal: order %s (%q), want COMPLETED", o.Status, o.CancellationReason)
			}
		})

		t.Run("a fault for the experiment hits its cohort only", func(t *testing.T) {
			s.addFault(t, map[string]any{"target": "payment", "kind": "error", "code": "conflict", "cohort": "experiment", "ttl": "5m"})
			defer s.haltFaults(t)
			if o := s.buyMug(t); o.Status != orders.StatusCompleted {
				t.Errorf("a checkout outside the experiment: %s (%q), want COMPLETED", o.Status, o.CancellationReason)
			}
			wantCancelledByFault(t, s.buyMug(t, asExperiment...))
		})

		t.Run("a fault ends at its TTL", func(t *testing.T) {
			f := s.addFault(t, map[string]any{"target": "GET /api/catalog/products/:id", "kind": "error", "code": "conflict", "ttl": "2s"})
			status, data := call(t, http.DefaultClient, http.MethodGet, s.url+"/api/catalog/products/"+mug, nil)
			if status != http.StatusConflict || !strings.Contains(string(data), f.ID) {
				t.Errorf("during the fault: %d %s, want 409 naming fault %s", status, data, f.ID)
			}
			time.Sleep(time.Until(f.Expires))
			if status, data := call(t, http.DefaultClient, http.MethodGet, s.url+"/api/catalog/products/"+mug, nil); status != http.StatusOK {
				t.Errorf("past its TTL: %d %s, want 200", status, data)
			}
			if listed := s.faults(t); len(listed) != 0 {
				t.Errorf("past its TTL the fault is still listed: %+v", listed)
			}
		})
	})
}

// TestFaultsApplyWhereTheirTargetIsServed: with payment in a process of
// its own, faults POSTed to the front apply in the process serving their
// target — payment.Charge's and a payment route's in payment's process, a
// catalog route's in the front — and a halt at the front ends them all.
func TestFaultsApplyWhereTheirTargetIsServed(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		r := startTopology(t, be, split{tags: "split_payment"}, split{tags: "only_payment", module: "payment"})
		s, payment := r.shop, "http://"+r.services[1].addr
		ledger := s.url + "/api/payment/ledger?reference=none"

		s.addFault(t, map[string]any{"target": "payment.Charge", "kind": "error", "code": "conflict", "ttl": "5m"})
		s.addFault(t, map[string]any{"target": "GET /api/payment/ledger", "kind": "error", "code": "conflict", "ttl": "5m"})
		s.addFault(t, map[string]any{"target": "GET /api/catalog/products/:id", "kind": "latency", "latency": "400ms", "ttl": "5m"})
		testkit.Eventually(t, 5*time.Second, func() bool {
			status, _ := call(t, http.DefaultClient, http.MethodGet, ledger, nil, "Authorization", s.admin)
			return status == http.StatusConflict
		}, func() string { return "payment's process never applied the faults POSTed to the front" })
		wantCancelledByFault(t, s.buyMug(t))

		start := time.Now()
		status, _ := call(t, http.DefaultClient, http.MethodGet, s.url+"/api/catalog/products/"+sunglasses, nil)
		if took := time.Since(start); status != http.StatusOK || took < 400*time.Millisecond {
			t.Errorf("a product through the slowed route: %d after %s, want 200 after 400ms", status, took)
		}
		for _, w := range []struct {
			base, where, target, kind string
			want                      bool
		}{
			{payment, "payment's process", "payment.Charge", "error", true},
			{s.url, "the front", "payment.Charge", "error", false},
			{payment, "payment's process", "GET /api/payment/ledger", "error", true},
			{s.url, "the front", "GET /api/payment/ledger", "error", false},
			{s.url, "the front", "GET /api/catalog/products/:id", "latency", true},
		} {
			if n := injections(t, w.base, w.target, w.kind); (n > 0) != w.want {
				t.Errorf("%s injected %v faults on %s, want some: %v", w.where, n, w.target, w.want)
			}
		}

		s.haltFaults(t)
		testkit.Eventually(t, 5*time.Second, func() bool {
			status, _ := call(t, http.DefaultClient, http.MethodGet, ledger, nil, "Authorization", s.admin)
			return status == http.StatusOK
		}, func() string { return "payment's process still applies the faults halted at the front" })
		if o := s.buyMug(t); o.Status != orders.StatusCompleted {
			t.Errorf("after the halt: order %s (%q), want COMPLETED", o.Status, o.CancellationReason)
		}
	})
}
