package local_test

import (
	"errors"
	"testing"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// placeRequest is a good orders.PlaceOrder request of ada's with key.
func placeRequest(key string) orders.PlaceOrderRequest {
	return orders.PlaceOrderRequest{
		UserID: "ada", Key: key, Email: "ada@example.com", Currency: "USD",
		Address:    orders.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"},
		CreditCard: orders.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12},
	}
}

// TestPlaceOrderOnTheBus: orders.PlaceOrder checks out as POST
// /api/checkout does — the order completes, charged once — and its key
// makes a repeat return the first order; without a key, a user or good
// input nothing is written.
func TestPlaceOrderOnTheBus(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		first, err := orders.PlaceOrder.Call(ctx, s.Bus, placeRequest("bus-1"))
		if err != nil {
			t.Fatal(err)
		}
		info, o := s.finished(t, first.OrderID, customer(t, "ada")...)
		if info.Status != saga.StatusCompleted || o.Status != orders.StatusCompleted || o.Total != usd(57, 470_000_000) {
			t.Errorf("saga %s, order %s %v; want COMPLETED, 57.47 USD", info.Status, o.Status, o.Total)
		}
		again, err := orders.PlaceOrder.Call(ctx, s.Bus, placeRequest("bus-1"))
		if err != nil || again.OrderID != first.OrderID {
			t.Errorf("the key again: %+v %v, want order %s", again, err, first.OrderID)
		}
		if charges := requests(s.stubs, payment.Charge); len(charges) != 1 || charges[0].Reference != first.OrderID {
			t.Errorf("charges %+v, want one for %s", charges, first.OrderID)
		}
		for _, tc := range []struct {
			name, field string
			edit        func(*orders.PlaceOrderRequest)
		}{
			{"no key", "key", func(r *orders.PlaceOrderRequest) { r.Key = "" }},
			{"no user", "user_id", func(r *orders.PlaceOrderRequest) { r.UserID = " " }},
			{"a bad email", "email", func(r *orders.PlaceOrderRequest) { r.Email = "ada" }},
			{"no zip code", "address.zip_code", func(r *orders.PlaceOrderRequest) { r.Address.ZipCode = "" }},
			{"an empty cart", "cart", func(r *orders.PlaceOrderRequest) { r.UserID = emptyUser }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				req := placeRequest("bus-" + tc.name)
				tc.edit(&req)
				_, err := orders.PlaceOrder.Call(ctx, s.Bus, req)
				if e := shared.AsError(err); !errors.Is(err, shared.ErrInvalid) || e.Field != tc.field {
					t.Errorf("%v, want invalid on %s", err, tc.field)
				}
			})
		}
		if n := s.count(t, "orders_orders"); n != 1 {
			t.Errorf("%d orders, want 1", n)
		}
	})
}
