package local_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// ordersStub stands in for the orders module: it keeps the orders placed,
// refuses zip code 00000 as orders would refuse a field, lists no order
// and shows every
// order cancelled because the card was declined — but those placed from
// zip code 11111, which are still pending.
type ordersStub struct {
	mu     sync.Mutex
	placed []orders.PlaceOrderRequest
}

func (s *ordersStub) module() fx.Option {
	return fx.Invoke(func(b *bus.Bus) {
		orders.PlaceOrder.Handle(b, func(_ context.Context, req orders.PlaceOrderRequest) (orders.PlaceOrderReply, error) {
			if req.Address.ZipCode == "00000" {
				return orders.PlaceOrderReply{}, shared.Invalid("address.zip_code", "is no zip code we ship to")
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			s.placed = append(s.placed, req)
			return orders.PlaceOrderReply{OrderID: "order-" + req.Address.ZipCode}, nil
		})
		orders.ListOrders.Handle(b, func(context.Context, orders.ListOrdersRequest) (orders.ListOrdersReply, error) {
			return orders.ListOrdersReply{Orders: []orders.Order{}}, nil
		})
		orders.GetOrder.Handle(b, func(_ context.Context, req orders.GetOrderRequest) (orders.Order, error) {
			o := orders.Order{ID: req.OrderID, Status: orders.StatusCancelled, Currency: "EUR",
				CancellationReason: "charge failed: card declined: the card ending in 0002 was declined",
				Steps:              []orders.Step{{Name: "reserve", Status: "succeeded"}, {Name: "charge", Status: "failed"}}}
			if req.OrderID == "order-11111" {
				o.Status, o.CancellationReason, o.Steps = orders.StatusPending, "", o.Steps[:1]
			}
			return o, nil
		})
	})
}

func (s *ordersStub) requests() []orders.PlaceOrderRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]orders.PlaceOrderRequest{}, s.placed...)
}

// checkoutForm is a good form with change applied.
func checkoutForm(change map[string]string) url.Values {
	f := url.Values{"email": {"ada@example.com"}, "street_address": {"1600 Amphitheatre Parkway"}, "zip_code": {"94043"},
		"city": {"Mountain View"}, "state": {"CA"}, "country": {"USA"}, "credit_card_number": {"4000000000000002"},
		"credit_card_expiration_month": {"12"}, "credit_card_expiration_year": {"2039"}, "credit_card_cvv": {"123"},
		"checkout_key": {"form-key-1"}}
	for k, v := range change {
		f.Set(k, v)
	}
	return f
}

func TestTheCartAndItsMistakes(t *testing.T) {
	p := shop(t, testkit.SQLite(t))
	v := newVisitor(t, p.URL)
	v.post("/cart", url.Values{"product_id": {mug}, "quantity": {"3"}}).redirects(t, "/cart")
	v.get("/cart").want(t, http.StatusOK, "Mug</a>", "Quantity 3 × US$8.99", "US$26.97", `<dd id="shipping">US$8.99</dd>`,
		`<dd id="total">US$35.96</dd>`, `name="checkout_key"`, `<span class="sr">with </span>3`)
	for _, tc := range []struct {
		name, product, quantity string
		status                  int
		texts                   []string
	}{
		{"quantity not a number", mug, "lots", http.StatusBadRequest, []string{`aria-invalid="true"`, "Quantity must be a whole number"}},
		{"more than a cart holds", mug, "98", http.StatusBadRequest, []string{`id="quantity-error"`, "100 of one product"}},
		{"a product the shop does not sell", "NOPE", "1", http.StatusNotFound, []string{"Not found"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v.post("/cart", url.Values{"product_id": {tc.product}, "quantity": {tc.quantity}}).want(t, tc.status, tc.texts...)
		})
	}
	v.get("/cart").want(t, http.StatusOK, "Quantity 3 ×")
	v.post("/cart/empty", nil).redirects(t, "/cart")
	v.get("/cart").want(t, http.StatusOK, "Your cart is empty")
}

func TestCheckoutFormMarksTheFieldsAtFault(t *testing.T) {
	stub := &ordersStub{}
	p := shop(t, testkit.SQLite(t), stub.module())
	v := newVisitor(t, p.URL)
	v.post("/setCurrency", url.Values{"currency_code": {"EUR"}})
	v.post("/cart", url.Values{"product_id": {mug}, "quantity": {"1"}}).redirects(t, "/cart")
	for _, tc := range []struct {
		name   string
		change map[string]string
		marked []string
	}{
		{"empty fields, all at once", map[string]string{"email": "", "zip_code": " ", "city": ""}, []string{"email", "zip_code", "city"}},
		{"not a number", map[string]string{"credit_card_cvv": "abc", "credit_card_expiration_month": "May"},
			[]string{"credit_card_expiration_month", "credit_card_cvv"}},
		{"a field orders refuses", map[string]string{"zip_code": "00000"}, []string{"zip_code"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := v.post("/cart/checkout", checkoutForm(tc.change))
			res.want(t, http.StatusBadRequest, `id="problems"`, `value="form-key-1"`)
			for _, field := range tc.marked {
				if !strings.Contains(res.body, `id="`+field+`" name="`+field+`"`) || !strings.Contains(res.body, `aria-describedby="`+field+`-error"`) {
					t.Errorf("%s is not marked:\n%s", field, res.body)
				}
			}
			if n := strings.Count(res.body, `aria-invalid="true"`); n != len(tc.marked) {
				t.Errorf("%d fields marked, want %d", n, len(tc.marked))
			}
		})
	}
	if n := len(stub.requests()); n != 0 {
		t.Fatalf("%d orders placed from bad forms", n)
	}

	v.post("/cart/checkout", checkoutForm(nil)).redirects(t, "/orders/order-94043")
	v.post("/cart/checkout", checkoutForm(map[string]string{"checkout_key": ""})).redirects(t, "/orders/order-94043")
	placed := stub.requests()
	if len(placed) != 2 || placed[0].Key != "form-key-1" || placed[1].Key == "" || placed[1].Key == placed[0].Key {
		t.Fatalf("placed %+v, want the form's key, then a fresh one", placed)
	}
	if r := placed[0]; r.Currency != "EUR" || r.CreditCard.Number != "4000000000000002" || r.CreditCard.CVV != 123 ||
		r.CreditCard.ExpirationYear != 2039 || r.Address.Country != "USA" || r.Email != "ada@example.com" {
		t.Errorf("placed %+v, want the form's order in EUR", r)
	}

	v.get("/orders/order-94043").want(t, http.StatusOK, `data-status="CANCELLED"`,
		"Your card was declined — you were not charged.", "We could not charge your card")
	pending := v.get("/orders/order-11111")
	pending.want(t, http.StatusOK, `data-status="PENDING"`, `hx-get="/orders/order-11111"`, `hx-trigger="every 1s"`,
		`<noscript><meta http-equiv="refresh" content="2"></noscript>`, "Your items are set aside")
}
