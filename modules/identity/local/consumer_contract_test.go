package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/contract"
)

// TestContracts declares what signing in relies on of the cart when it
// adopts a guest's cart: whether it has items, and the merge.
func TestContracts(t *testing.T) {
	p := contract.Between("identity", "cart")
	contract.Expect(p, "looks at the guest's cart", cart.GetCart, cart.GetCartRequest{UserID: "contract-guest"}).
		Given("the cart of contract-guest holds OLJCESPC7Z").
		Reads(contract.Object(contract.Fields{"items": contract.Array(contract.Object(nil))}))
	contract.Expect(p, "merges the guest's cart into the account's", cart.MergeCarts, cart.MergeCartsRequest{FromUserID: "contract-guest", ToUserID: "contract-member"}).
		Given("the cart of contract-guest holds OLJCESPC7Z")
	contract.Check(t, p)
}
