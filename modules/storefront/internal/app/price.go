package app

import (
	"context"

	"golang.org/x/sync/errgroup"

	"github.com/jubako/jubako/modules/storefront"
)

// cards prices products as cards, concurrently.
func (s *Service) cards(ctx context.Context, products []product, code string) ([]storefront.Card, error) {
	out := make([]storefront.Card, len(products))
	g, ctx := errgroup.WithContext(ctx)
	for i, p := range products {
		g.Go(func() error {
			price, err := s.price(ctx, p.PriceUSD, code)
			out[i] = storefront.Card{ID: p.ID, Name: p.Name, Picture: p.Picture, Price: price}
			return err
		})
	}
	return out, g.Wait()
}
