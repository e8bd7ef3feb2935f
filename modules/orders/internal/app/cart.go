package app

import (
	"context"

	"github.com/jubako/jubako/modules/cart"
)

// This file is orders' one place for the cart module: the cart an order is
// made of, and the checkout step that empties it.

// cartLine is a product in the customer's cart and how many of it.
type cartLine struct {
	ProductID string
	Quantity  int32
}

// cartLines reads userID's cart.
func (s *Service) cartLines(ctx context.Context, userID string) ([]cartLine, error) {
	c, err := cart.GetCart.Call(ctx, s.bus, cart.GetCartRequest{UserID: userID})
	if err != nil {
		return nil, err
	}
	lines := make([]cartLine, len(c.Items))
	for i, it := range c.Items {
		lines[i] = cartLine{ProductID: it.ProductID, Quantity: it.Quantity}
	}
	return lines, nil
}

// emptyCart is the checkout step that removes the ordered products from the
// customer's cart; what was added since the order stays.
func (s *Service) emptyCart(ctx context.Context, st *checkoutState, _ string) error {
	ids := make([]string, len(st.Lines))
	for i, l := range st.Lines {
		ids[i] = l.ProductID
	}
	_, err := cart.EmptyCart.Call(ctx, s.bus, cart.EmptyCartRequest{UserID: st.UserID, ProductIDs: ids})
	return err
}
