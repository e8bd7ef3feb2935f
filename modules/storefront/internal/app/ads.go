package app

import (
	"context"

	"github.com/jubako/jubako/modules/ads"
	"github.com/jubako/jubako/modules/storefront"
)

// This file is the storefront's one place for the ads module.

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
