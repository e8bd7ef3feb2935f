package system

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/testkit"
)

// addFault POSTs a fault as the admin and returns it as stored.
func (s *shop) addFault(t testing.TB, fault map[string]any) chaos.View {
	t.Helper()
	var v chaos.View
	status, data := call(t, http.DefaultClient, http.MethodPost, s.url+"/api/admin/faults", fault, "Authorization", s.admin)
	decode(t, status, data, http.StatusCreated, &v)
	return v
}

// faults lists the active faults.
func (s *shop) faults(t testing.TB) []chaos.View {
	t.Helper()
	var l chaos.List
	s.adminGet(t, "/api/admin/faults", &l)
	return l.Faults
}

// haltFaults ends every fault.
func (s *shop) haltFaults(t testing.TB) {
	t.Helper()
	status, data := call(t, http.DefaultClient, http.MethodDelete, s.url+"/api/admin/faults", nil, "Authorization", s.admin)
	decode(t, status, data, http.StatusOK, nil)
}

// buyMug checks a mug out as a new customer, with the request's extra
// headers, and waits until the order is settled.
func (s *shop) buyMug(t testing.TB, headers ...string) orders.Order {
	t.Helper()
	c := s.customer()
	c.add(t, mug, 1)
	status, data := call(t, c.client, http.MethodPost, s.url+"/api/checkout", form(nil), headers...)
	var accepted orders.CheckoutAccepted
	decode(t, status, data, http.StatusAccepted, &accepted)
	return c.settled(t, accepted.OrderID)
}

// asExperiment are the headers of a request in the experiment's cohort,
// sent as a process of the topology forwards one (a trusted caller: the
// edge keeps the cohort it carries).
var asExperiment = []string{"baggage", "jubako.cohort=" + chaos.CohortExperiment, "X-Jubako-Forwarded", serviceToken}

// wantCancelledByFault fails t unless o was cancelled by an injected fault.
func wantCancelledByFault(t testing.TB, o orders.Order) {
	t.Helper()
	if o.Status != orders.StatusCancelled || !strings.Contains(o.CancellationReason, "fault injected") {
		t.Errorf("order %s (%q), want CANCELLED by the injected fault", o.Status, o.CancellationReason)
	}
}

// injections reads how many faults on target a process (at base) injected.
func injections(t testing.TB, base, target, kind string) float64 {
	t.Helper()
	_, data := call(t, http.DefaultClient, http.MethodGet, base+"/metrics", nil, "Authorization", testkit.AdminAuthorization)
	v, _ := sample(string(data), fmt.Sprintf("jubako_chaos_injected_total{kind=%q,target=%q}", kind, target))
	return v
}
