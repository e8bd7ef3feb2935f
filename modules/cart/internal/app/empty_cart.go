package app

import (
	"context"

	"github.com/jubako/jubako/modules/cart"
)

// EmptyCart removes every item of the user's cart; an empty cart stays
// empty.
func (s *Service) EmptyCart(ctx context.Context, req cart.EmptyCartRequest) (cart.EmptyCartReply, error) {
	if err := validateID("user_id", req.UserID); err != nil {
		return cart.EmptyCartReply{}, err
	}
	return cart.EmptyCartReply{}, s.items.Empty(ctx, req.UserID)
}
