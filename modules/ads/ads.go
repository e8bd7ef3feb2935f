// Package ads is the public contract of the ads module, after Online
// Boutique's ad service: ads by context key, random ones otherwise.
package ads

import "github.com/jubako/jubako/platform/bus"

// Ad is one text ad pointing at a product page.
type Ad struct {
	RedirectURL string `json:"redirect_url"`
	Text        string `json:"text"`
}

// GetRequest gives context keys (product categories such as "kitchen").
// Bad keys are Invalid naming "context", the query parameter of
// GET /api/ads?context=kitchen,hair.
type GetRequest struct {
	ContextKeys []string `json:"context_keys"`
}

// GetReply holds the ads for the keys, or random ads when none match.
type GetReply struct {
	Ads []Ad `json:"ads"`
}

// Get returns ads.
var Get = bus.Endpoint[GetRequest, GetReply]("ads.Get", bus.Idempotent(), bus.LastGood())
