package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/contract"
)

// TestContracts declares what the inventory's stock routes rely on of the
// catalog — only whether it sells a product — and what its step of the
// choreographed checkout reads of the purchase events.
func TestContracts(t *testing.T) {
	contract.Check(t, catalogPact(), purchasePact())
}

func catalogPact() *contract.Pact {
	p := contract.Between("inventory", "catalog")
	contract.Expect(p, "finds a product whose stock is read or set", catalog.GetProduct, catalog.GetProductRequest{ID: "OLJCESPC7Z"}).
		Given("product OLJCESPC7Z is sold")
	contract.Expect(p, "refuses the stock of a product nobody sells", catalog.GetProduct, catalog.GetProductRequest{ID: "RETIRED"}).
		Given("product RETIRED is not sold").
		Fails(catalog.ErrProductNotFound)
	return p
}

func purchasePact() *contract.Pact {
	p := contract.Between("inventory", "purchase")
	contract.Listen(p, "reserves the lines of a placed order", purchase.OrderPlaced, contract.Object(contract.Fields{
		"order_id": contract.String(),
		"lines":    contract.Array(contract.Object(contract.Fields{"product_id": contract.String(), "quantity": contract.Integer()})),
	}))
	failure := contract.Object(contract.Fields{"order_id": contract.String(), "reason": contract.String()})
	contract.Listen(p, "releases the stock of an order whose payment failed", purchase.PaymentFailed, failure)
	contract.Listen(p, "releases the stock of an order whose payment was refunded", purchase.PaymentRefunded, failure)
	contract.Listen(p, "sells the stock of a shipped order", purchase.Shipped, contract.Object(contract.Fields{"order_id": contract.String()}))
	return p
}
