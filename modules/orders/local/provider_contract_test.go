package local_test

import (
	"context"
	"testing"

	"github.com/jubako/jubako/modules/cart"
	cartlocal "github.com/jubako/jubako/modules/cart/local"
	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	currencylocal "github.com/jubako/jubako/modules/currency/local"
	"github.com/jubako/jubako/modules/inventory"
	inventorylocal "github.com/jubako/jubako/modules/inventory/local"
	notificationlocal "github.com/jubako/jubako/modules/notification/local"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/local"
	paymentlocal "github.com/jubako/jubako/modules/payment/local"
	shippinglocal "github.com/jubako/jubako/modules/shipping/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

// TestContractsOfConsumers verifies what orders' consumers read of it,
// with every module of the checkout beside it.
func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module, cartlocal.Module, cataloglocal.Module,
		currencylocal.Module, shippinglocal.Module, inventorylocal.Module, paymentlocal.Module, notificationlocal.Module)
	v := contract.NewProvider("orders", p)
	const shopper = "contract-shopper"
	fillCart := func(ctx context.Context) error {
		if _, err := inventory.SetStock.Call(ctx, p.Bus, inventory.SetStockRequest{ProductID: pactProduct, OnHand: 100}); err != nil {
			return err
		}
		if _, err := cart.EmptyCart.Call(ctx, p.Bus, cart.EmptyCartRequest{UserID: shopper}); err != nil {
			return err
		}
		_, err := cart.AddItem.Call(ctx, p.Bus, cart.AddItemRequest{UserID: shopper, ProductID: pactProduct, Quantity: 1})
		return err
	}
	v.State("the cart of contract-shopper holds OLJCESPC7Z", fillCart)
	v.StateWith("contract-shopper placed an order", func(ctx context.Context) (map[string]any, error) {
		if err := fillCart(ctx); err != nil {
			return nil, err
		}
		placed, err := orders.PlaceOrder.Call(ctx, p.Bus, orders.PlaceOrderRequest{
			UserID: shopper, Key: "contract-placed", Email: "ada@example.com", Currency: "USD",
			Address:    orders.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"},
			CreditCard: orders.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12},
		})
		return map[string]any{"order_id": placed.OrderID}, err
	})
	v.Verify(t)
}
