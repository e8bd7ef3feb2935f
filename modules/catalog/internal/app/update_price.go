package app

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// UpdatePrice sets a product's price and, in the same transaction, publishes
// catalog.price_changed.v1 — unless the price is unchanged.
func (s *Service) UpdatePrice(ctx context.Context, req catalog.UpdatePriceRequest) (catalog.Product, error) {
	if err := validatePrice(req.PriceUSD); err != nil {
		return catalog.Product{}, err
	}
	var updated catalog.Product
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		p, err := s.products.Get(ctx, tx, req.ID)
		if err != nil {
			return err
		}
		updated = p
		if p.PriceUSD == req.PriceUSD {
			return nil
		}
		if err := s.products.SetPrice(tx, p.ID, req.PriceUSD); err != nil {
			return err
		}
		updated.PriceUSD = req.PriceUSD
		return catalog.PriceChanged.Publish(ctx, tx, catalog.PriceChangedEvent{
			ProductID: p.ID, Old: p.PriceUSD, New: req.PriceUSD, ChangedAt: db.Now(),
		})
	})
	return updated, err
}

func validatePrice(m shared.Money) error {
	if err := m.Validate("price_usd."); err != nil {
		return err
	}
	if m.CurrencyCode != "USD" {
		return shared.Invalid("price_usd.currency_code", "catalog prices are in USD, got %q", m.CurrencyCode)
	}
	if m.IsNegative() {
		return shared.Invalid("price_usd.units", "a price cannot be negative")
	}
	return nil
}
