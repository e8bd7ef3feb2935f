package app

import (
	"context"

	"github.com/jubako/jubako/modules/storefront"
)

// HomePage composes the home page: every product, priced, and the cart count.
func (s *Service) HomePage(ctx context.Context, userID string, ch Choice) (storefront.HomePage, error) {
	code, err := s.currencyOf(ctx, ch)
	if err != nil {
		return storefront.HomePage{}, err
	}
	count := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartCart, s.cartCount(userID))
	all, err := s.allProducts(ctx)
	if err != nil {
		return storefront.HomePage{}, err
	}
	cards, err := s.cards(ctx, all, code)
	if err != nil {
		return storefront.HomePage{}, err
	}
	var d degraded
	return storefront.HomePage{Currency: code, Products: orEmpty(cards), CartItemCount: count.wait(&d), Degraded: d.list()}, nil
}
