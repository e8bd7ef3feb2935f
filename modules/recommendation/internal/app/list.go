package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/recommendation"
	"github.com/jubako/jubako/shared"
)

// Limits of Online Boutique's rule and of the input.
const (
	maxRecommendations = 5
	maxProductIDs      = 100
)

// List serves recommendation.List: every catalog product but the ones
// given, shuffled, at most five. Ids the catalog does not know are
// ignored.
func (s *Service) List(ctx context.Context, req recommendation.ListRequest) (recommendation.ListReply, error) {
	if err := validate(req.ProductIDs); err != nil {
		return recommendation.ListReply{}, err
	}
	all, err := catalog.ListProducts.Call(ctx, s.bus, catalog.ListProductsRequest{})
	if err != nil {
		return recommendation.ListReply{}, fmt.Errorf("list the catalog: %w", err)
	}
	exclude := make(map[string]bool, len(req.ProductIDs))
	for _, id := range req.ProductIDs {
		exclude[id] = true
	}
	ids := []string{}
	for _, p := range all.Products {
		if !exclude[p.ID] {
			ids = append(ids, p.ID)
		}
	}
	rand.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return recommendation.ListReply{ProductIDs: ids[:min(len(ids), maxRecommendations)]}, nil
}

func validate(ids []string) error {
	if len(ids) > maxProductIDs {
		return shared.Invalid("product_ids", "at most %d ids, got %d", maxProductIDs, len(ids))
	}
	for i, id := range ids {
		if strings.TrimSpace(id) == "" {
			return shared.Invalid(fmt.Sprintf("product_ids[%d]", i), "must not be empty")
		}
	}
	return nil
}
