package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/platform/contract"
)

// TestContracts declares what the recommendations read of the catalog:
// the ids of the products it lists.
func TestContracts(t *testing.T) {
	p := contract.Between("recommendation", "catalog")
	contract.Expect(p, "lists the products to recommend from", catalog.ListProducts, catalog.ListProductsRequest{}).
		Given("product OLJCESPC7Z is sold").
		Reads(contract.Object(contract.Fields{"products": contract.Array(contract.Object(contract.Fields{"id": contract.String()}))}))
	contract.Check(t, p)
}
