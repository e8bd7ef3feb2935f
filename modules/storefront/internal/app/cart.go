package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/shared"
)

// This file is the storefront's one place for the cart module.

// cartItem is a product in a cart and how many of it.
type cartItem struct {
	ProductID string
	Quantity  int32
}

// cartItems lists userID's cart.
func (s *Service) cartItems(ctx context.Context, userID string) ([]cartItem, error) {
	c, err := cart.GetCart.Call(ctx, s.bus, cart.GetCartRequest{UserID: userID})
	if err != nil {
		return nil, fmt.Errorf("cart: %w", err)
	}
	out := make([]cartItem, len(c.Items))
	for i, it := range c.Items {
		out[i] = cartItem{ProductID: it.ProductID, Quantity: it.Quantity}
	}
	return out, nil
}

// cartCount adds up the quantities in userID's cart.
func (s *Service) cartCount(userID string) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		items, err := s.cartItems(ctx, userID)
		n := 0
		for _, it := range items {
			n += int(it.Quantity)
		}
		return n, err
	}
}

// AddToCart adds quantity of the product to userID's cart. The cart's
// limits apply: a product the catalog does not sell is not found; a
// quantity out of bounds, or more of one product than a cart may hold, is
// Invalid on "quantity".
func (s *Service) AddToCart(ctx context.Context, userID, productID string, quantity int32) error {
	_, err := cart.AddItem.Call(ctx, s.bus, cart.AddItemRequest{UserID: userID, ProductID: productID, Quantity: quantity})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, cart.ErrTooMany):
		return shared.Invalid("quantity", "would pass what a cart may hold: %d of one product", cart.MaxQuantity)
	case shared.AsError(err).Field == "product_id":
		return shared.ErrNotFound.With("the shop does not sell %q", productID)
	}
	return err
}

// EmptyCart removes everything from userID's cart.
func (s *Service) EmptyCart(ctx context.Context, userID string) error {
	_, err := cart.EmptyCart.Call(ctx, s.bus, cart.EmptyCartRequest{UserID: userID})
	return err
}
