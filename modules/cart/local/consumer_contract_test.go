package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/platform/contract"
)

// TestContracts declares what the cart relies on of the catalog when it
// checks a product before adding it: only whether the catalog sells it.
func TestContracts(t *testing.T) {
	p := contract.Between("cart", "catalog")
	contract.Expect(p, "finds a product it adds", catalog.GetProduct, catalog.GetProductRequest{ID: sunglasses}).
		Given("product OLJCESPC7Z is sold")
	contract.Expect(p, "refuses a product the catalog does not sell", catalog.GetProduct, catalog.GetProductRequest{ID: "RETIRED"}).
		Given("product RETIRED is not sold").
		Fails(catalog.ErrProductNotFound)
	contract.Check(t, p)
}
