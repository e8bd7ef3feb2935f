package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/platform/contract"
)

// TestContracts declares what the inventory's stock routes rely on of the
// catalog: only whether it sells a product.
func TestContracts(t *testing.T) {
	p := contract.Between("inventory", "catalog")
	contract.Expect(p, "finds a product whose stock is read or set", catalog.GetProduct, catalog.GetProductRequest{ID: "OLJCESPC7Z"}).
		Given("product OLJCESPC7Z is sold")
	contract.Expect(p, "refuses the stock of a product nobody sells", catalog.GetProduct, catalog.GetProductRequest{ID: "RETIRED"}).
		Given("product RETIRED is not sold").
		Fails(catalog.ErrProductNotFound)
	contract.Check(t, p)
}
