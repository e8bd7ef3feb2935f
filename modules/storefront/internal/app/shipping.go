package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/shared"
)

// This file is the storefront's one place for the shipping module.

// quote is what shipping the lines costs, in code (zero for no line).
func (s *Service) quote(ctx context.Context, lines []CartLine, code string) (shared.Money, error) {
	if len(lines) == 0 {
		return shared.Zero(code), nil
	}
	items := make([]shipping.Item, len(lines))
	for i, l := range lines {
		items[i] = shipping.Item{ProductID: l.Product.ID, Quantity: l.Quantity}
	}
	m, err := shipping.Quote.Call(ctx, s.bus, shipping.QuoteRequest{Items: items, Currency: code})
	if err != nil {
		return shared.Money{}, fmt.Errorf("shipping quote: %w", err)
	}
	return m, nil
}
