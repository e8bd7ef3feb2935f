package app

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/shared"
)

// This file is the storefront's one place for the catalog module: the
// products its pages show.

// product is what a page shows of a catalog product.
type product struct {
	ID, Name, Description, Picture string
	PriceUSD                       shared.Money
	Categories                     []string
}

// fromCatalog is p as the pages use it.
func fromCatalog(p catalog.Product) product {
	return product{ID: p.ID, Name: p.Name, Description: p.Description, Picture: p.Picture, PriceUSD: p.PriceUSD, Categories: p.Categories}
}

// findProduct returns the product id (a catalog error, not found included,
// when the catalog has none).
func (s *Service) findProduct(ctx context.Context, id string) (product, error) {
	p, err := catalog.GetProduct.Call(ctx, s.bus, catalog.GetProductRequest{ID: id})
	return fromCatalog(p), err
}

// allProducts lists the catalog, by name.
func (s *Service) allProducts(ctx context.Context) ([]product, error) {
	all, err := catalog.ListProducts.Call(ctx, s.bus, catalog.ListProductsRequest{})
	if err != nil {
		return nil, fmt.Errorf("list the catalog: %w", err)
	}
	out := make([]product, len(all.Products))
	for i, p := range all.Products {
		out[i] = fromCatalog(p)
	}
	return out, nil
}

// products looks ids up concurrently, skipping unknown ones, in order.
func (s *Service) products(ctx context.Context, ids []string) ([]product, error) {
	found := make([]*product, len(ids))
	g, ctx := errgroup.WithContext(ctx)
	for i, id := range ids {
		g.Go(func() error {
			p, err := s.findProduct(ctx, id)
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
	out := []product{}
	for _, p := range found {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out, nil
}
