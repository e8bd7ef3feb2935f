package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/contract"
)

// TestContracts declares what the cart relies on of the catalog when it
// checks a product before adding it — only whether the catalog sells it —
// and what it reads of a completed choreographed order.
func TestContracts(t *testing.T) {
	contract.Check(t, catalogPact(), purchasePact())
}

func catalogPact() *contract.Pact {
	p := contract.Between("cart", "catalog")
	contract.Expect(p, "finds a product it adds", catalog.GetProduct, catalog.GetProductRequest{ID: sunglasses}).
		Given("product OLJCESPC7Z is sold")
	contract.Expect(p, "refuses a product the catalog does not sell", catalog.GetProduct, catalog.GetProductRequest{ID: "RETIRED"}).
		Given("product RETIRED is not sold").
		Fails(catalog.ErrProductNotFound)
	return p
}

func purchasePact() *contract.Pact {
	p := contract.Between("cart", "purchase")
	contract.Listen(p, "takes a completed order's products out of the cart", purchase.OrderCompleted, contract.Object(contract.Fields{
		"order_id": contract.String(),
		"user_id":  contract.String(),
		"lines":    contract.Array(contract.Object(contract.Fields{"product_id": contract.String()})),
	}))
	return p
}
