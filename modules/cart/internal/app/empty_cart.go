package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/cart"
)

// EmptyCart removes every item of the user's cart, or only the lines of
// req.ProductIDs when it names some; an empty cart stays empty.
func (s *Service) EmptyCart(ctx context.Context, req cart.EmptyCartRequest) (cart.EmptyCartReply, error) {
	if err := validateID("user_id", req.UserID); err != nil {
		return cart.EmptyCartReply{}, err
	}
	for i, id := range req.ProductIDs {
		if err := validateID(fmt.Sprintf("product_ids[%d]", i), id); err != nil {
			return cart.EmptyCartReply{}, err
		}
	}
	return cart.EmptyCartReply{}, s.items.Empty(ctx, req.UserID, req.ProductIDs)
}
