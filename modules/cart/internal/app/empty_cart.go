package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/cart"
)

// EmptyCart removes every item of the user's cart, or only the lines of
// req.ProductIDs when it names some; an empty cart stays empty.
func (s *Service) EmptyCart(ctx context.Context, req cart.EmptyCartRequest) (cart.EmptyCartReply, error) {
	return cart.EmptyCartReply{}, s.emptyCart(ctx, nil, req)
}

// emptyCart is EmptyCart within tx, or on its own when tx is nil.
func (s *Service) emptyCart(ctx context.Context, tx *gorm.DB, req cart.EmptyCartRequest) error {
	if err := validateID("user_id", req.UserID); err != nil {
		return err
	}
	for i, id := range req.ProductIDs {
		if err := validateID(fmt.Sprintf("product_ids[%d]", i), id); err != nil {
			return err
		}
	}
	return s.items.Empty(ctx, tx, req.UserID, req.ProductIDs)
}
