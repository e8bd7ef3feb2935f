package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/contract"
)

// TestContracts declares what payment's step of the choreographed
// checkout reads of the purchase events.
func TestContracts(t *testing.T) {
	p := contract.Between("payment", "purchase")
	order := contract.Object(contract.Fields{"order_id": contract.String()})
	contract.Listen(p, "charges the card held for an order whose stock is reserved", purchase.StockReserved, order)
	contract.Listen(p, "drops the card held for an order out of stock", purchase.StockUnavailable, order)
	contract.Listen(p, "refunds the charge of an order that could not ship", purchase.ShippingFailed,
		contract.Object(contract.Fields{"order_id": contract.String(), "reason": contract.String()}))
	contract.Check(t, p)
}
