package local_test

import (
	"context"
	"testing"

	"github.com/jubako/jubako/modules/cart"
	cartlocal "github.com/jubako/jubako/modules/cart/local"
	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), cartlocal.Module, cataloglocal.Module)
	v := contract.NewProvider("cart", p)
	v.State("the cart of contract-customer holds OLJCESPC7Z", func(ctx context.Context) error {
		if _, err := cart.EmptyCart.Call(ctx, p.Bus, cart.EmptyCartRequest{UserID: "contract-customer"}); err != nil {
			return err
		}
		_, err := cart.AddItem.Call(ctx, p.Bus, cart.AddItemRequest{UserID: "contract-customer", ProductID: sunglasses, Quantity: 2})
		return err
	})
	v.Verify(t)
}
