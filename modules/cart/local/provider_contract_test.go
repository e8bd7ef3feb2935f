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
	// holds makes userID's cart hold quantity of the sunglasses alone.
	holds := func(userID string, quantity int32) func(context.Context) error {
		return func(ctx context.Context) error {
			if _, err := cart.EmptyCart.Call(ctx, p.Bus, cart.EmptyCartRequest{UserID: userID}); err != nil {
				return err
			}
			_, err := cart.AddItem.Call(ctx, p.Bus, cart.AddItemRequest{UserID: userID, ProductID: sunglasses, Quantity: quantity})
			return err
		}
	}
	v.State("the cart of contract-customer holds OLJCESPC7Z", holds("contract-customer", 2))
	v.State("the cart of contract-visitor holds OLJCESPC7Z", holds("contract-visitor", 2))
	v.State("the cart of contract-guest holds OLJCESPC7Z", holds("contract-guest", 1))
	v.State("the cart of ob-contract-user holds OLJCESPC7Z", holds("ob-contract-user", 1))
	v.State("the cart of contract-full-visitor holds as many OLJCESPC7Z as a cart may", holds("contract-full-visitor", cart.MaxQuantity))
	// The catalog beside the cart seeds Online Boutique's products only.
	v.State("product RETIRED is not sold", func(context.Context) error { return nil })
	v.Verify(t)
}
