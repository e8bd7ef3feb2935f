package app

import (
	"context"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/domain"
)

// GetStock returns a product's stock. A product nobody reserved or stocked
// yet has the configured initial stock on hand.
func (s *Service) GetStock(ctx context.Context, req inventory.StockRequest) (inventory.Stock, error) {
	if err := domain.ValidateProductID("product_id", req.ProductID); err != nil {
		return inventory.Stock{}, err
	}
	stock, found, err := s.store.Stock(ctx, nil, req.ProductID)
	if err == nil && !found {
		stock.OnHand = s.cfg.InitialStock
	}
	return stock, err
}
