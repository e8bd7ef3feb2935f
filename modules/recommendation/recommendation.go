// Package recommendation is the public contract of the recommendation
// module, after Online Boutique's: up to five other catalog products.
package recommendation

import "github.com/jubako/jubako/platform/bus"

// ListRequest gives the products the user is looking at.
type ListRequest struct {
	ProductIDs []string `json:"product_ids"`
}

// ListReply holds up to five product ids not in the request, in random order.
type ListReply struct {
	ProductIDs []string `json:"product_ids"`
}

// List recommends products.
var List = bus.Endpoint[ListRequest, ListReply]("recommendation.List", bus.Idempotent(), bus.LastGood())

// Recommendations are served at /api/recommendations.
var _ = bus.PublicPaths("recommendation", "/api/recommendations")
