package domain

import (
	"math/rand/v2"
	"strings"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/shared"
)

// Shipment statuses.
const (
	StatusShipped   = "SHIPPED"
	StatusCancelled = "CANCELLED"
)

// flatRate is Online Boutique's shipping cost for any non-empty order.
var flatRate = shared.Money{CurrencyCode: "USD", Units: 8, Nanos: 990_000_000}

// QuoteUSD is what shipping items costs in USD: the flat rate when any item
// is shipped, nothing for an empty order.
func QuoteUSD(items []shipping.Item) shared.Money {
	var total int64
	for _, it := range items {
		total += int64(it.Quantity)
	}
	if total <= 0 {
		return shared.Zero("USD")
	}
	return flatRate
}

// Undeliverable reports whether no shipment reaches a.
func Undeliverable(a shipping.Address) bool {
	return strings.TrimSpace(a.ZipCode) == shipping.UndeliverableZip
}

// NewTrackingID returns a random id in Online Boutique's style: two
// letters, then two groups of digits, "XK-48213-9051736". The generator is
// math/rand/v2's, seeded from the OS; the table's UNIQUE constraint, not
// chance, guarantees uniqueness.
func NewTrackingID() string {
	return letter() + letter() + "-" + digits(5) + "-" + digits(7)
}

func letter() string { return string(rune('A' + rand.N(26))) }

func digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + rand.N(10)))
	}
	return b.String()
}
