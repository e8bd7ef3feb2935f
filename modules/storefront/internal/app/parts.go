package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/ads"
	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/storefront"
)

// cartCount adds up the quantities in userID's cart.
func (s *Service) cartCount(userID string) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		c, err := cart.GetCart.Call(ctx, s.bus, cart.GetCartRequest{UserID: userID})
		if err != nil {
			return 0, fmt.Errorf("cart: %w", err)
		}
		n := 0
		for _, it := range c.Items {
			n += int(it.Quantity)
		}
		return n, nil
	}
}

// adFor picks the first ad for the first of categories; nil when the ads
// module has none.
func (s *Service) adFor(categories []string) func(context.Context) (*storefront.Ad, error) {
	return func(ctx context.Context) (*storefront.Ad, error) {
		req := ads.GetRequest{}
		if len(categories) > 0 {
			req.ContextKeys = categories[:1]
		}
		rep, err := ads.Get.Call(ctx, s.bus, req)
		if err != nil || len(rep.Ads) == 0 {
			return nil, err
		}
		return &storefront.Ad{RedirectURL: rep.Ads[0].RedirectURL, Text: rep.Ads[0].Text}, nil
	}
}
