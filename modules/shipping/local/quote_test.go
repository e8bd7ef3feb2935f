package local_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var usd899 = shared.Money{CurrencyCode: "USD", Units: 8, Nanos: 990_000_000}

func TestQuote(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		inEUR, err := currency.Convert.Call(context.Background(), p.Bus, currency.ConvertRequest{From: usd899, ToCode: "EUR"})
		if err != nil {
			t.Fatal(err)
		}
		if inEUR.CurrencyCode != "EUR" || inEUR == (shared.Money{CurrencyCode: "EUR", Units: 8, Nanos: 990_000_000}) {
			t.Fatalf("currency.Convert gave %+v: the EUR case would prove nothing", inEUR)
		}
		for _, tc := range []struct {
			name string
			req  shipping.QuoteRequest
			want shared.Money
		}{
			{"items in USD", shipping.QuoteRequest{Address: home(), Items: items(), Currency: "USD"}, usd899},
			{"no currency means USD", shipping.QuoteRequest{Items: items()}, usd899},
			{"one item, no address", shipping.QuoteRequest{Items: items()[:1]}, usd899},
			{"empty order", shipping.QuoteRequest{Address: home(), Currency: "USD"}, shared.Zero("USD")},
			{"empty order in EUR", shipping.QuoteRequest{Currency: "EUR"}, shared.Zero("EUR")},
			{"items in EUR", shipping.QuoteRequest{Address: home(), Items: items(), Currency: "EUR"}, inEUR},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var overHTTP shared.Money
				res := p.Do(t, http.MethodPost, "/api/shipping/quote", tc.req)
				res.Decode(t, &overHTTP)
				overBus, err := shipping.Quote.Call(context.Background(), p.Bus, tc.req)
				if res.Status != http.StatusOK || err != nil {
					t.Fatalf("HTTP %d %s; bus error %v", res.Status, res.Body, err)
				}
				if overHTTP != tc.want || overBus != tc.want {
					t.Errorf("HTTP gave %+v, bus gave %+v, want %+v", overHTTP, overBus, tc.want)
				}
			})
		}
	})
}

func TestQuoteRejectsBadInput(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		for _, tc := range []struct {
			name, body, field, reason string
		}{
			{"unsupported currency", `{"items":[{"product_id":"A","quantity":1}],"currency":"XXX"}`, "currency", "unsupported_currency"},
			{"lower-case currency", `{"items":[{"product_id":"A","quantity":1}],"currency":"eur"}`, "currency", "unsupported_currency"},
			{"unsupported currency, empty order", `{"currency":"ABC"}`, "currency", "unsupported_currency"},
			{"zero quantity", `{"items":[{"product_id":"A","quantity":1},{"product_id":"B","quantity":0}]}`, "items[1].quantity", ""},
			{"negative quantity", `{"items":[{"product_id":"A","quantity":-3}]}`, "items[0].quantity", ""},
			{"huge quantity", `{"items":[{"product_id":"A","quantity":10001}]}`, "items[0].quantity", ""},
			{"no product id", `{"items":[{"quantity":1}]}`, "items[0].product_id", ""},
			{"quantity not a number", `{"items":[{"product_id":"A","quantity":"two"}]}`, "items.quantity", ""},
			{"currency not a string", `{"currency":978}`, "currency", ""},
			{"malformed JSON", `{"items":`, "body", ""},
			{"no body", ``, "body", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := p.Do(t, http.MethodPost, "/api/shipping/quote", tc.body)
				e := res.Err(t).Error
				if res.Status != http.StatusBadRequest || e.Code != "invalid" || e.Field != tc.field || e.Reason != tc.reason {
					t.Errorf("%d %+v, want 400 invalid, field %q, reason %q", res.Status, e, tc.field, tc.reason)
				}
			})
		}
		_, err := shipping.Quote.Call(context.Background(), p.Bus, shipping.QuoteRequest{Items: items(), Currency: "XXX"})
		testkit.WantInvalid(t, err, "currency")
		if !errors.Is(err, currency.ErrUnsupportedCurrency) {
			t.Errorf("error %v is not currency.ErrUnsupportedCurrency", err)
		}
	})
}
