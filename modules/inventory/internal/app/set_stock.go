package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/domain"
	"github.com/jubako/jubako/shared"
)

// MaxOnHand bounds the quantity SetStock accepts.
const MaxOnHand = 1_000_000_000

// SetStock sets how many units of a product can be sold. Reserved and sold
// units are untouched, so setting the same quantity twice changes nothing.
func (s *Service) SetStock(ctx context.Context, req inventory.SetStockRequest) (inventory.Stock, error) {
	if err := domain.ValidateProductID("product_id", req.ProductID); err != nil {
		return inventory.Stock{}, err
	}
	if req.OnHand < 0 || req.OnHand > MaxOnHand {
		return inventory.Stock{}, shared.Invalid("on_hand", "must be between 0 and %d, got %d", MaxOnHand, req.OnHand)
	}
	var out inventory.Stock
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		if err := s.store.SetOnHand(tx, req.ProductID, req.OnHand); err != nil {
			return err
		}
		var err error
		out, _, err = s.store.Stock(ctx, tx, req.ProductID)
		return err
	})
	if err != nil {
		return inventory.Stock{}, fmt.Errorf("set stock: %w", err)
	}
	return out, nil
}
