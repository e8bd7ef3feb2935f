package app_test

import (
	"testing"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/storefront/internal/app"
)

func TestCancellationReasonsInPlainWords(t *testing.T) {
	mug := []orders.Line{{ProductID: "6E92ZMYYFZ", Name: "Mug", Quantity: 1}}
	for _, tc := range []struct {
		name, recorded, zip string
		want                string
	}{
		{"a declined card", "charge failed: card declined: the card ending in 0002 was declined", "94043",
			"Your card was declined — you were not charged."},
		{"an undeliverable address", "ship failed: undeliverable: no shipment reaches zip code 99999", "99999",
			"We cannot ship to 99999 — you were not charged."},
		{"out of stock", `reserve failed: out of stock: product "6E92ZMYYFZ" has 0 on hand, 1 wanted`, "94043",
			"Sorry, Mug sold out before we could set it aside — you were not charged."},
		{"out of stock, product unnamed", "reserve failed: out_of_stock", "94043",
			"Sorry, an item sold out before we could set it aside — you were not charged."},
		{"an expired card", "charge failed: card expired in 2020-01", "94043",
			"Your card has expired — you were not charged."},
		{"not a card number", "charge failed: invalid card: not a valid Luhn number", "94043",
			"We could not use your card: we take VISA and MasterCard numbers — you were not charged."},
		{"out of time", "deadline passed before step ship could run", "94043",
			"We could not finish your order in time, please try again — you were not charged."},
		{"retries exhausted", "charge failed after 5 attempts: payment is unavailable", "94043",
			"We could not finish your order in time, please try again — you were not charged."},
		{"anything else", "an operator compensated the saga", "94043",
			"We could not complete your order — you were not charged."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := orders.Order{Status: orders.StatusCancelled, CancellationReason: tc.recorded, Items: mug,
				Address: orders.Address{ZipCode: tc.zip}}
			if got := app.PlainReason(o); got != tc.want {
				t.Errorf("PlainReason(%q)\n got %q\nwant %q", tc.recorded, got, tc.want)
			}
		})
	}
}
