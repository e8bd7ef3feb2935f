package app

import (
	"context"

	"github.com/jubako/jubako/modules/orders"
)

// This file is the storefront's one place for placing orders.

// Checkout is what the cart page's form says: where to ship and the card.
type Checkout struct {
	Email      string
	Address    orders.Address
	CreditCard orders.CreditCard
}

// PlaceOrder checks userID's cart out, priced in the visitor's currency,
// and returns the order, PENDING while its checkout runs. The same key
// places one order. Bad input is Invalid naming the orders' field
// ("address.zip_code", "credit_card.number"…); an empty cart is Invalid on
// "cart".
func (s *Service) PlaceOrder(ctx context.Context, userID, key string, ch Choice, c Checkout) (string, error) {
	code, err := s.currencyOf(ctx, ch)
	if err != nil {
		return "", err
	}
	rep, err := orders.PlaceOrder.Call(ctx, s.bus, orders.PlaceOrderRequest{
		UserID: userID, Key: key, Email: c.Email, Currency: code, Address: c.Address, CreditCard: c.CreditCard,
	})
	return rep.OrderID, err
}
