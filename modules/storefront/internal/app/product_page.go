package app

import (
	"context"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// ProductPage composes the web product page for userID: the product and
// its price, with the recommendations and the cart count fetched alongside
// and the ad for the product's first category.
func (s *Service) ProductPage(ctx context.Context, id, userID string, ch Choice) (storefront.ProductPage, error) {
	code, err := s.currencyOf(ctx, ch)
	if err != nil {
		return storefront.ProductPage{}, err
	}
	recs := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartRecommendations, s.recommended(code, id))
	count := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartCart, s.cartCount(userID))
	p, price, err := s.pricedProduct(ctx, id, code)
	if err != nil {
		return storefront.ProductPage{}, err
	}
	ad := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartAd, s.adFor(p.Categories))
	var d degraded
	return storefront.ProductPage{
		Currency:        code,
		Product:         storefront.Product{ID: p.ID, Name: p.Name, Description: p.Description, Picture: p.Picture, Price: price, Categories: p.Categories},
		Recommendations: orEmpty(recs.wait(&d)),
		Ad:              ad.wait(&d),
		CartItemCount:   count.wait(&d),
		Degraded:        d.list(),
		Stale:           bus.StaleEndpoints(ctx),
	}, nil
}

// ProductView is the product page as the shop renders it: the BFF's page
// and the currencies to choose from.
type ProductView struct {
	Shell
	Page     storefront.ProductPage
	Degraded []string
}

// ProductView composes the shop's page of the product id.
func (s *Service) ProductView(ctx context.Context, id, userID string, ch Choice) (ProductView, error) {
	currencies := s.fetchCurrencies(ctx)
	page, err := s.ProductPage(ctx, id, userID, ch)
	if err != nil {
		return ProductView{}, err
	}
	d := degradedBy(page.Degraded)
	return ProductView{Shell: shellOf(page.Currency, currencies, page.CartItemCount, d), Page: page, Degraded: d.list()}, nil
}

// pricedProduct returns the product and its price in code.
func (s *Service) pricedProduct(ctx context.Context, id, code string) (product, shared.Money, error) {
	p, err := s.findProduct(ctx, id)
	if err != nil {
		return p, shared.Money{}, err
	}
	price, err := s.price(ctx, p.PriceUSD, code)
	return p, price, err
}

// recommended returns up to cfg.Recommendations products recommended next
// to the products next, priced in code; those the catalog no longer knows
// are skipped.
func (s *Service) recommended(code string, next ...string) func(context.Context) ([]storefront.Card, error) {
	return func(ctx context.Context) ([]storefront.Card, error) {
		ids, err := s.recommendedIDs(ctx, next)
		if err != nil {
			return nil, err
		}
		products, err := s.products(ctx, ids[:min(len(ids), s.cfg.Recommendations)])
		if err != nil {
			return nil, err
		}
		return s.cards(ctx, products, code)
	}
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
