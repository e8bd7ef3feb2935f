package local_test

import (
	"context"
	"fmt"
	"testing"
	"time"

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
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

// TestContractsOfConsumers verifies what orders' consumers read of it,
// with every module of the checkout beside it.
func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module, cartlocal.Module, cataloglocal.Module,
		currencylocal.Module, shippinglocal.Module, inventorylocal.Module, paymentlocal.Module, notificationlocal.Module)
	v := contract.NewProvider("orders", p)
	for _, user := range []string{"contract-shopper", "ob-contract-user"} {
		v.State("the cart of "+user+" holds OLJCESPC7Z", func(ctx context.Context) error { return fillCart(ctx, p.Bus, user) })
	}
	v.StateWith("contract-shopper placed an order", func(ctx context.Context) (map[string]any, error) {
		id, err := anOrderOf(ctx, p.Bus, "contract-shopper")
		return map[string]any{"order_id": id}, err
	})
	v.StateWith("an order of ob-contract-user completed", func(ctx context.Context) (map[string]any, error) {
		id, err := anOrderOf(ctx, p.Bus, "ob-contract-user")
		if err == nil {
			err = completed(ctx, p.Bus, id, "ob-contract-user")
		}
		return map[string]any{"order_id": id}, err
	})
	v.Verify(t)
}

// fillCart makes user's cart hold one pair of sunglasses, with stock to sell.
func fillCart(ctx context.Context, b *bus.Bus, user string) error {
	if _, err := inventory.SetStock.Call(ctx, b, inventory.SetStockRequest{ProductID: pactProduct, OnHand: 100}); err != nil {
		return err
	}
	if _, err := cart.EmptyCart.Call(ctx, b, cart.EmptyCartRequest{UserID: user}); err != nil {
		return err
	}
	_, err := cart.AddItem.Call(ctx, b, cart.AddItemRequest{UserID: user, ProductID: pactProduct, Quantity: 1})
	return err
}

// completed waits until the checkout of order id completes.
func completed(ctx context.Context, b *bus.Bus, id, user string) error {
	deadline := time.Now().Add(15 * time.Second)
	for {
		o, err := orders.GetOrder.Call(ctx, b, orders.GetOrderRequest{OrderID: id, UserID: user})
		switch {
		case err != nil:
			return err
		case o.Status == orders.StatusCompleted:
			return nil
		case o.Status != orders.StatusPending || time.Now().After(deadline):
			return fmt.Errorf("order %s is %s, want %s", id, o.Status, orders.StatusCompleted)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// anOrderOf returns the id of an order of user: the first it has, or else
// one it places. An order already placed may still be checking out, and
// its checkout empties the cart: filling the cart again meanwhile would
// race with it.
func anOrderOf(ctx context.Context, b *bus.Bus, user string) (string, error) {
	list, err := orders.ListOrders.Call(ctx, b, orders.ListOrdersRequest{UserID: user})
	if err != nil {
		return "", err
	}
	if len(list.Orders) > 0 {
		return list.Orders[0].ID, nil
	}
	if err := fillCart(ctx, b, user); err != nil {
		return "", err
	}
	placed, err := orders.PlaceOrder.Call(ctx, b, orders.PlaceOrderRequest{
		UserID: user, Key: "contract-" + user, Email: "ada@example.com", Currency: "USD",
		Address:    orders.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"},
		CreditCard: orders.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12},
	})
	return placed.OrderID, err
}
