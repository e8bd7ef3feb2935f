package app

import (
	"context"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/platform/bus"
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
	return storefront.HomePage{Currency: code, Products: orEmpty(cards), CartItemCount: count.wait(&d), Degraded: d.list(), Stale: bus.StaleEndpoints(ctx)}, nil
}

// HomeView is the home page as the shop renders it: the BFF's page, an ad
// and the currencies to choose from.
type HomeView struct {
	Shell
	Products []storefront.Card
	Ad       *storefront.Ad
	Degraded []string
}

// HomeView composes the shop's home page.
func (s *Service) HomeView(ctx context.Context, userID string, ch Choice) (HomeView, error) {
	currencies := s.fetchCurrencies(ctx)
	ad := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartAd, s.adFor(nil))
	page, err := s.HomePage(ctx, userID, ch)
	if err != nil {
		return HomeView{}, err
	}
	d := degradedBy(page.Degraded)
	return HomeView{
		Shell: shellOf(page.Currency, currencies, page.CartItemCount, d), Products: page.Products,
		Ad: ad.wait(d), Degraded: d.list(),
	}, nil
}
