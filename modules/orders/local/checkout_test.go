package local_test

import (
	"reflect"
	"testing"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
)

// TestCheckoutCompletes follows a checkout from the HTTP request to the
// orders tables and the saga's rows: every participant is called once,
// with the key of its step, the order's reference and its amounts.
func TestCheckoutCompletes(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		ada := customer(t, "ada")
		id := s.checkout(t, form("USD", nil), ada...).OrderID
		info, o := s.finished(t, id, ada...)

		var steps []string
		for _, l := range info.Log {
			steps = append(steps, l.Step+" "+l.Phase+" "+l.Status)
		}
		if info.Status != saga.StatusCompleted || len(steps) != 6 || steps[0] != "reserve forward succeeded" || steps[5] != "confirm forward succeeded" {
			t.Errorf("saga %s, steps %v; want six steps forward, COMPLETED", info.Status, steps)
		}
		total := usd(57, 470_000_000) // 2 × 19.99 + 8.50 + shipping 8.99
		if o.Status != orders.StatusCompleted || o.Total != total || o.TrackingID != "TRACK-"+id || o.TransactionID != "TX-"+id {
			t.Errorf("order %+v, want COMPLETED, %v, shipped and paid", o, total)
		}
		if r := s.row(t, id); r.Status != orders.StatusCompleted || r.UserID != "ada" || r.TrackingID != "TRACK-"+id || r.TransactionID != "TX-"+id {
			t.Errorf("orders_orders row %+v", r)
		}

		lines := []inventory.Line{{ProductID: sunglasses, Quantity: 2}, {ProductID: mug, Quantity: 1}}
		items := []shipping.Item{{ProductID: sunglasses, Quantity: 2}, {ProductID: mug, Quantity: 1}}
		to := shipping.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"}
		card := payment.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12}
		expectCalls(t, requests(s.stubs, inventory.Reserve), inventory.ReserveRequest{Key: id + ":reserve", Reference: id, Lines: lines})
		expectCalls(t, requests(s.stubs, payment.Charge), payment.ChargeRequest{Key: id + ":charge", Reference: id, Amount: total, Card: card})
		expectCalls(t, requests(s.stubs, shipping.Ship), shipping.ShipRequest{Key: id + ":ship", Reference: id, Address: to, Items: items})
		expectCalls(t, requests(s.stubs, inventory.Commit), inventory.KeyRequest{Key: id + ":reserve"})
		expectCalls(t, requests(s.stubs, cart.EmptyCart), cart.EmptyCartRequest{UserID: "ada", ProductIDs: []string{sunglasses, mug}})
		expectCalls(t, requests(s.stubs, notification.SendConfirmation), notification.ConfirmationRequest{
			OrderID: id, Email: "ada@example.com", Shipping: usd(8, 990_000_000), Total: total, TrackingID: "TRACK-" + id,
			Lines: []notification.OrderLine{
				{ProductID: sunglasses, Name: "The " + sunglasses, Quantity: 2, Price: usd(39, 980_000_000)},
				{ProductID: mug, Name: "The " + mug, Quantity: 1, Price: usd(8, 500_000_000)},
			},
		})
		s.expectNoCalls(t, inventory.Release.Info().Name, payment.Refund.Info().Name, shipping.Cancel.Info().Name,
			notification.SendCancellation.Info().Name, cancelled)
	})
}

// TestCheckoutPricesTheCart: each product's USD price converted by the
// currency module, the shipping quote in the same currency, and the total
// — in the answer, the tables and the charge.
func TestCheckoutPricesTheCart(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		ada := customer(t, "ada")
		id := s.checkout(t, form("EUR", nil), ada...).OrderID
		_, o := s.finished(t, id, ada...)

		total := eur(114, 940_000_000) // 2 × 39.98 + 17.00 + shipping 17.98
		// The order's lines, by product id.
		want := []orders.Line{
			{ProductID: mug, Name: "The " + mug, Quantity: 1, UnitPrice: eur(17, 0), Total: eur(17, 0)},
			{ProductID: sunglasses, Name: "The " + sunglasses, Quantity: 2, UnitPrice: eur(39, 980_000_000), Total: eur(79, 960_000_000)},
		}
		if o.Currency != "EUR" || !reflect.DeepEqual(o.Items, want) || o.ShippingCost != eur(17, 980_000_000) || o.Total != total {
			t.Errorf("order in %s: items %+v, shipping %v, total %v; want %+v, EUR 17.98, %v", o.Currency, o.Items, o.ShippingCost, o.Total, want, total)
		}
		r := s.row(t, id)
		if r.Currency != "EUR" || r.ShippingUnits != 17 || r.ShippingNanos != 980_000_000 || r.TotalUnits != 114 || r.TotalNanos != 940_000_000 {
			t.Errorf("orders_orders row %+v, want EUR, shipping 17.98, total 114.94", r)
		}
		if n := s.count(t, "orders_lines"); n != 2 {
			t.Errorf("%d orders_lines rows, want 2", n)
		}
		quotes := requests(s.stubs, shipping.Quote)
		if len(quotes) != 1 || quotes[0].Currency != "EUR" || len(quotes[0].Items) != 2 || quotes[0].Address.ZipCode != "94043" {
			t.Errorf("quotes asked %+v, want one for two products to 94043 in EUR", quotes)
		}
		if charges := requests(s.stubs, payment.Charge); len(charges) != 1 || charges[0].Amount != total {
			t.Errorf("charges %+v, want one of %v", charges, total)
		}
	})
}

// expectCalls fails t unless an endpoint received exactly the requests
// wanted.
func expectCalls[Req any](t *testing.T, got []Req, want ...Req) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("requests\n\t%+v\nwant\n\t%+v", got, want)
	}
}

// expectNoCalls fails t if any of the endpoints (or the watcher) was called.
func (s *shop) expectNoCalls(t *testing.T, names ...string) {
	t.Helper()
	for _, name := range names {
		if n := s.stubs.count(name); n != 0 {
			t.Errorf("%s called %d times, want none", name, n)
		}
	}
}
