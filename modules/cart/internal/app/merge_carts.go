package app

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/shared"
)

// MergeCarts moves the items of one cart into another in one transaction:
// From is emptied by the same statement that reads it, so each item moves
// once however often, or however concurrently, the call is made. Sums
// above cart.MaxQuantity are capped.
func (s *Service) MergeCarts(ctx context.Context, req cart.MergeCartsRequest) (cart.Cart, error) {
	if err := validateMerge(req); err != nil {
		return cart.Cart{}, err
	}
	out := cart.Cart{UserID: req.ToUserID}
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		moved, err := s.items.Take(tx, req.FromUserID)
		if err != nil {
			return err
		}
		for _, it := range moved {
			if err := s.items.Put(tx, req.ToUserID, it.ProductID, it.Quantity); err != nil {
				return err
			}
		}
		out.Items, err = s.items.List(ctx, tx, req.ToUserID)
		return err
	})
	if err != nil {
		return cart.Cart{}, err
	}
	return out, nil
}

func validateMerge(req cart.MergeCartsRequest) error {
	if err := validateID("from_user_id", req.FromUserID); err != nil {
		return err
	}
	if err := validateID("to_user_id", req.ToUserID); err != nil {
		return err
	}
	if req.FromUserID == req.ToUserID {
		return shared.Invalid("to_user_id", "must differ from from_user_id: a cart cannot be merged into itself")
	}
	return nil
}
