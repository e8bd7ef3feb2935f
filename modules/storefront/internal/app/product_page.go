package app

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/recommendation"
	"github.com/jubako/jubako/modules/storefront"
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
	recs := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartRecommendations, s.recommended(id, code))
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
	}, nil
}

// pricedProduct returns the product and its price in code.
func (s *Service) pricedProduct(ctx context.Context, id, code string) (catalog.Product, shared.Money, error) {
	p, err := catalog.GetProduct.Call(ctx, s.bus, catalog.GetProductRequest{ID: id})
	if err != nil {
		return p, shared.Money{}, err
	}
	price, err := s.price(ctx, p.PriceUSD, code)
	return p, price, err
}

// recommended returns up to cfg.Recommendations products recommended next
// to id, priced in code; those the catalog no longer knows are skipped.
func (s *Service) recommended(id, code string) func(context.Context) ([]storefront.Card, error) {
	return func(ctx context.Context) ([]storefront.Card, error) {
		rep, err := recommendation.List.Call(ctx, s.bus, recommendation.ListRequest{ProductIDs: []string{id}})
		if err != nil {
			return nil, fmt.Errorf("recommendations: %w", err)
		}
		ids := rep.ProductIDs[:min(len(rep.ProductIDs), s.cfg.Recommendations)]
		products, err := s.products(ctx, ids)
		if err != nil {
			return nil, err
		}
		return s.cards(ctx, products, code)
	}
}

// products looks ids up concurrently, skipping unknown ones, in order.
func (s *Service) products(ctx context.Context, ids []string) ([]catalog.Product, error) {
	found := make([]*catalog.Product, len(ids))
	g, ctx := errgroup.WithContext(ctx)
	for i, id := range ids {
		g.Go(func() error {
			p, err := catalog.GetProduct.Call(ctx, s.bus, catalog.GetProductRequest{ID: id})
			switch {
			case errors.Is(err, catalog.ErrProductNotFound):
				return nil
			case err != nil:
				return fmt.Errorf("product %s: %w", id, err)
			}
			found[i] = &p
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := []catalog.Product{}
	for _, p := range found {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
