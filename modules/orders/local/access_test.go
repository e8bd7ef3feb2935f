package local_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/testkit"
)

// TestOrdersAreSeenByTheirOwnerOnly: a customer's and a guest's orders are
// theirs alone; anyone else gets the 404 of an order that does not exist.
func TestOrdersAreSeenByTheirOwnerOnly(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		ada := customer(t, "ada")
		mine := s.checkout(t, form("USD", nil), ada...).OrderID
		res := s.Do(t, http.MethodPost, "/api/checkout", form("USD", nil))
		var theirs placed
		res.Decode(t, &theirs)
		session := res.Cookie(gateway.SessionCookie)
		if res.Status != http.StatusAccepted || session == "" {
			t.Fatalf("a guest's checkout: %d %s, session %q", res.Status, res.Body, session)
		}
		guest := []string{"Cookie", gateway.SessionCookie + "=" + session}
		s.finished(t, mine, ada...)
		s.finished(t, theirs.OrderID, guest...)

		for _, tc := range []struct {
			name, order string
			as          []string
			status      int
		}{
			{"the customer, their order", mine, ada, http.StatusOK},
			{"another customer", mine, customer(t, "bob"), http.StatusNotFound},
			{"a guest", mine, guest, http.StatusNotFound},
			{"a visitor", mine, nil, http.StatusNotFound},
			{"the guest, their order", theirs.OrderID, guest, http.StatusOK},
			{"another guest", theirs.OrderID, []string{"Cookie", gateway.SessionCookie + "=guest-" + uuid.NewString()}, http.StatusNotFound},
			{"a customer", theirs.OrderID, ada, http.StatusNotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := s.Do(t, http.MethodGet, "/api/orders/"+tc.order, nil, tc.as...)
				if res.Status != tc.status {
					t.Fatalf("%d %s, want %d", res.Status, res.Body, tc.status)
				}
				if tc.status != http.StatusNotFound {
					return
				}
				if e := res.Err(t).Error; e.Code != "not_found" || e.Reason != "order_not_found" {
					t.Errorf("error %+v, want not_found order_not_found", e)
				}
			})
		}
		for who, want := range map[string]struct {
			as    []string
			order string
		}{"ada": {ada, mine}, "the guest": {guest, theirs.OrderID}} {
			var list orders.ListOrdersReply
			s.Do(t, http.MethodGet, "/api/orders", nil, want.as...).Decode(t, &list)
			if len(list.Orders) != 1 || list.Orders[0].ID != want.order {
				t.Errorf("%s lists %+v, want their order %s alone", who, list.Orders, want.order)
			}
		}
	})
}
