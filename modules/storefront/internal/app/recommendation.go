package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/recommendation"
)

// This file is the storefront's one place for the recommendation module.

// recommendedIDs lists the products recommended next to the products ids.
func (s *Service) recommendedIDs(ctx context.Context, ids []string) ([]string, error) {
	rep, err := recommendation.List.Call(ctx, s.bus, recommendation.ListRequest{ProductIDs: ids})
	if err != nil {
		return nil, fmt.Errorf("recommendations: %w", err)
	}
	return rep.ProductIDs, nil
}
