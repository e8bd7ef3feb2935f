package local_test

import (
	"net/http"
	"testing"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/testkit"
)

// TestIdempotencyKeyPlacesOneOrder: the same Idempotency-Key, five times at
// once and once more later, is one order and one saga, charged once; another
// key, or the same key from another customer, is another order.
func TestIdempotencyKeyPlacesOneOrder(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		ada, bob := customer(t, "ada"), customer(t, "bob")
		keyed := func(key string, who []string) []string { return append([]string{"Idempotency-Key", key}, who...) }

		answers := make([]testkit.Response, 5)
		var fns []func()
		for i := range answers {
			fns = append(fns, func() {
				answers[i] = s.Do(t, http.MethodPost, "/api/checkout", form("USD", nil), keyed("cart-1", ada)...)
			})
		}
		testkit.Together(fns...)
		var first placed
		answers[0].Decode(t, &first)
		for i, res := range answers {
			var p placed
			res.Decode(t, &p)
			if res.Status != http.StatusAccepted || p.OrderID != first.OrderID {
				t.Errorf("request %d: %d %s, want 202 with order %s", i, res.Status, res.Body, first.OrderID)
			}
		}
		if again := s.checkout(t, form("USD", nil), keyed("cart-1", ada)...); again.OrderID != first.OrderID {
			t.Errorf("the key again placed %s, want %s", again.OrderID, first.OrderID)
		}
		other := s.checkout(t, form("USD", nil), keyed("cart-2", ada)...)
		bobs := s.checkout(t, form("USD", nil), keyed("cart-1", bob)...)
		if other.OrderID == first.OrderID || bobs.OrderID == first.OrderID || bobs.OrderID == other.OrderID {
			t.Errorf("orders %s, %s, %s: want another key and another customer to place orders of their own", first.OrderID, other.OrderID, bobs.OrderID)
		}
		s.finished(t, first.OrderID, ada...)
		s.finished(t, other.OrderID, ada...)
		s.finished(t, bobs.OrderID, bob...)
		if n, sagas := s.count(t, "orders_orders"), s.checkouts(t); n != 3 || sagas != 3 {
			t.Errorf("%d orders and %d checkout sagas, want 3 of each", n, sagas)
		}
		charged := map[string]int{}
		for _, c := range requests(s.stubs, payment.Charge) {
			charged[c.Reference]++
		}
		if len(charged) != 3 || charged[first.OrderID] != 1 {
			t.Errorf("charges by order %v, want one for each of the 3 orders", charged)
		}
		if r := s.row(t, first.OrderID); r.IdempotencyKey != "cart-1" || r.UserID != "ada" {
			t.Errorf("orders_orders row %+v, want ada's key cart-1", r)
		}
	})
}

// TestIdempotencyKeyWhileTheFirstOrderEmptiesTheCart: two checkouts with one
// key, the second finding the cart already emptied by the first order's
// saga, answer the same order (the second's empty cart is no error).
func TestIdempotencyKeyWhileTheFirstOrderEmptiesTheCart(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		who := append([]string{"Idempotency-Key", "twice"}, customer(t, raceUser)...)
		answers := make([]testkit.Response, 2)
		testkit.Together(
			func() { answers[0] = s.Do(t, http.MethodPost, "/api/checkout", form("USD", nil), who...) },
			func() { answers[1] = s.Do(t, http.MethodPost, "/api/checkout", form("USD", nil), who...) },
		)
		var ids [2]placed
		for i, res := range answers {
			res.Decode(t, &ids[i])
			if res.Status != http.StatusAccepted {
				t.Errorf("checkout %d: %d %s, want 202", i, res.Status, res.Body)
			}
		}
		if ids[0].OrderID == "" || ids[0].OrderID != ids[1].OrderID {
			t.Errorf("orders %q and %q, want one order for one key", ids[0].OrderID, ids[1].OrderID)
		}
		if n := s.count(t, "orders_orders"); n != 1 {
			t.Errorf("%d orders, want 1", n)
		}
	})
}
