package app

import (
	"context"

	"github.com/jubako/jubako/modules/cart"
)

// GetCart returns the user's cart, empty when they have none.
func (s *Service) GetCart(ctx context.Context, req cart.GetCartRequest) (cart.Cart, error) {
	if err := validateID("user_id", req.UserID); err != nil {
		return cart.Cart{}, err
	}
	items, err := s.items.List(ctx, nil, req.UserID)
	if err != nil {
		return cart.Cart{}, err
	}
	return cart.Cart{UserID: req.UserID, Items: items}, nil
}
