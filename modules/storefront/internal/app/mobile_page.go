package app

import (
	"context"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/platform/bus"
)

// smallPicture asks for the thumbnail of a picture.
const smallPicture = "?size=small"

// MobileProductPage composes the mobile product page: the web page's
// product, recommendations and cart count, without description or ad.
func (s *Service) MobileProductPage(ctx context.Context, id, userID string, ch Choice) (storefront.MobileProductPage, error) {
	code, err := s.currencyOf(ctx, ch)
	if err != nil {
		return storefront.MobileProductPage{}, err
	}
	recs := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartRecommendations, s.recommended(code, id))
	count := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartCart, s.cartCount(userID))
	p, price, err := s.pricedProduct(ctx, id, code)
	if err != nil {
		return storefront.MobileProductPage{}, err
	}
	var d degraded
	mobile := []storefront.MobileCard{}
	for _, c := range recs.wait(&d) {
		mobile = append(mobile, storefront.MobileCard{ID: c.ID, Name: c.Name, Price: c.Price})
	}
	return storefront.MobileProductPage{
		Currency: code, ID: p.ID, Name: p.Name, Price: price, Picture: p.Picture + smallPicture,
		Recommendations: mobile,
		CartItemCount:   count.wait(&d),
		Degraded:        d.list(),
		Stale:           bus.StaleEndpoints(ctx),
	}, nil
}
