package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/cart"
)

// This file is the storefront's one place for the cart module.

// cartCount adds up the quantities in userID's cart.
func (s *Service) cartCount(userID string) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		c, err := cart.GetCart.Call(ctx, s.bus, cart.GetCartRequest{UserID: userID})
		if err != nil {
			return 0, fmt.Errorf("cart: %w", err)
		}
		n := 0
		for _, it := range c.Items {
			n += int(it.Quantity)
		}
		return n, nil
	}
}
