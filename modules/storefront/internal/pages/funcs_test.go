package pages

import (
	"testing"

	"github.com/jubako/jubako/shared"
)

func TestPricesAsShoppersReadThem(t *testing.T) {
	for _, tc := range []struct {
		name  string
		money shared.Money
		want  string
	}{
		{"dollars", shared.Money{CurrencyCode: "USD", Units: 19, Nanos: 990_000_000}, "US$19.99"},
		{"thousands grouped", shared.Money{CurrencyCode: "EUR", Units: 1234567, Nanos: 500_000_000}, "€1,234,567.50"},
		{"rounded to cents", shared.Money{CurrencyCode: "GBP", Units: 2, Nanos: 999_000_000}, "£3.00"},
		{"yen have no decimals", shared.Money{CurrencyCode: "JPY", Units: 2341, Nanos: 600_000_000}, "JP¥2,342"},
		{"a code for a symbol, spaced", shared.Money{CurrencyCode: "CHF", Units: 65}, "CHF 65.00"},
		{"a refund", shared.Money{CurrencyCode: "CAD", Units: -8, Nanos: -990_000_000}, "-CA$8.99"},
		{"no currency", shared.Money{Units: 1}, "1.00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := price(tc.money); got != tc.want {
				t.Errorf("price(%+v) = %q, want %q", tc.money, got, tc.want)
			}
		})
	}
}
