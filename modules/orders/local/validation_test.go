package local_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/testkit"
)

// TestBadCheckoutsNameTheField: a 400 naming the field at fault, and no
// order, no saga, no stock or money touched.
func TestBadCheckoutsNameTheField(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		for _, tc := range []struct {
			name  string
			body  any
			who   string
			key   string
			field string
		}{
			{"malformed JSON", `{"email":`, "ada", "", "body"},
			{"not an email", form("USD", func(b, _, _ map[string]any) { b["email"] = "ada" }), "ada", "", "email"},
			{"not a currency code", form("euro", nil), "ada", "", "currency"},
			{"a currency nobody converts to", form("XYZ", nil), "ada", "", "currency"},
			{"no city", form("USD", func(_, a, _ map[string]any) { delete(a, "city") }), "ada", "", "address.city"},
			{"a blank zip code", form("USD", func(_, a, _ map[string]any) { a["zip_code"] = "  " }), "ada", "", "address.zip_code"},
			{"letters for a card number", form("USD", func(_, _, c map[string]any) { c["number"] = "four" }), "ada", "", "credit_card.number"},
			{"month 13", form("USD", func(_, _, c map[string]any) { c["expiration_month"] = 13 }), "ada", "", "credit_card.expiration_month"},
			{"a two-digit year", form("USD", func(_, _, c map[string]any) { c["expiration_year"] = 39 }), "ada", "", "credit_card.expiration_year"},
			{"a seven-digit CVV", form("USD", func(_, _, c map[string]any) { c["cvv"] = 1234567 }), "ada", "", "credit_card.cvv"},
			{"an Idempotency-Key too long", form("USD", nil), "ada", strings.Repeat("k", 201), "Idempotency-Key"},
			{"an empty cart", form("USD", nil), emptyUser, "", "cart"},
			{"a product no longer sold", form("USD", nil), goneUser, "", "cart"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				headers := customer(t, tc.who)
				if tc.key != "" {
					headers = append(headers, "Idempotency-Key", tc.key)
				}
				res := s.Do(t, http.MethodPost, "/api/checkout", tc.body, headers...)
				if e := res.Err(t).Error; res.Status != http.StatusBadRequest || e.Code != "invalid" || e.Field != tc.field {
					t.Errorf("%d %s, want 400 invalid naming %s", res.Status, res.Body, tc.field)
				}
			})
		}
		if n, sagas := s.count(t, "orders_orders"), s.checkouts(t); n != 0 || sagas != 0 {
			t.Errorf("%d orders and %d sagas after bad checkouts, want none", n, sagas)
		}
		s.expectNoCalls(t, inventory.Reserve.Info().Name, payment.Charge.Info().Name)
	})
}
