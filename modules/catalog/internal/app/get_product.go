package app

import (
	"context"
	"strings"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/shared"
)

// GetProduct returns one product.
func (s *Service) GetProduct(ctx context.Context, req catalog.GetProductRequest) (catalog.Product, error) {
	if strings.TrimSpace(req.ID) == "" {
		return catalog.Product{}, shared.Invalid("id", "a product id is required")
	}
	return s.products.Get(ctx, nil, req.ID)
}

// ListProducts lists or searches the catalog.
func (s *Service) ListProducts(ctx context.Context, req catalog.ListProductsRequest) (catalog.ListProductsReply, error) {
	if len(req.Query) > 200 {
		return catalog.ListProductsReply{}, shared.Invalid("q", "must be at most 200 characters")
	}
	products, err := s.products.Search(ctx, strings.TrimSpace(req.Query))
	return catalog.ListProductsReply{Products: products}, err
}
