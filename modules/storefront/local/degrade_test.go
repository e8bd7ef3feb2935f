package local_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/ads"
	cartlocal "github.com/jubako/jubako/modules/cart/local"
	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	currencylocal "github.com/jubako/jubako/modules/currency/local"
	"github.com/jubako/jubako/modules/recommendation"
	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/modules/storefront/local"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// troubled stands in for the recommendation and ads modules: the first
// answers after two seconds whatever its deadline, the second fails.
var troubled = fx.Invoke(func(b *bus.Bus) {
	recommendation.List.Handle(b, func(context.Context, recommendation.ListRequest) (recommendation.ListReply, error) {
		time.Sleep(2 * time.Second)
		return recommendation.ListReply{ProductIDs: []string{mug}}, nil
	})
	ads.Get.Handle(b, func(context.Context, ads.GetRequest) (ads.GetReply, error) {
		return ads.GetReply{}, shared.Errorf(shared.CodeUnavailable, "the ad server is down")
	})
})

func TestPagesRenderWithoutTheirOptionalParts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		modules  []fx.Option
		degraded []string
	}{
		{"recommendation, ads and cart not running", nil,
			[]string{storefront.PartAd, storefront.PartCart, storefront.PartRecommendations}},
		{"recommendations too slow, ads failing", []fx.Option{troubled, cartlocal.Module},
			[]string{storefront.PartAd, storefront.PartRecommendations}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := testkit.Start(t, testkit.SQLite(t), nil, append(tc.modules, local.Module, cataloglocal.Module, currencylocal.Module)...)
			start := time.Now()
			var page storefront.ProductPage
			get(t, p, "/bff/web/product/"+sunglasses+"?currency=EUR", http.StatusOK, &page)
			if took := time.Since(start); took > time.Second {
				t.Errorf("the page took %s: optional parts have 300 ms", took)
			}
			if page.Product.ID != sunglasses || page.Product.Price != priceIn(t, p, sunglasses, "EUR") {
				t.Errorf("product %+v, want the sunglasses in EUR", page.Product)
			}
			if !slices.Equal(page.Degraded, tc.degraded) || page.Recommendations == nil || len(page.Recommendations) != 0 || page.Ad != nil {
				t.Errorf("degraded %v, recommendations %v, ad %v; want %v left out", page.Degraded, page.Recommendations, page.Ad, tc.degraded)
			}

			var mobile storefront.MobileProductPage
			get(t, p, "/bff/mobile/product/"+sunglasses, http.StatusOK, &mobile)
			if mobile.ID != sunglasses || !slices.Contains(mobile.Degraded, storefront.PartRecommendations) {
				t.Errorf("mobile page %+v, want the product without recommendations", mobile)
			}
			var home storefront.HomePage
			get(t, p, "/bff/web/home", http.StatusOK, &home)
			if len(home.Products) != 9 || slices.Contains(home.Degraded, storefront.PartCart) != slices.Contains(tc.degraded, storefront.PartCart) {
				t.Errorf("home page with %d products, degraded %v", len(home.Products), home.Degraded)
			}

			start = time.Now()
			html := newVisitor(t, p.URL).get("/product/" + sunglasses)
			html.want(t, http.StatusOK, "<h1>Sunglasses</h1>", `data-degraded="`+strings.Join(tc.degraded, " ")+`"`)
			if took := time.Since(start); took > time.Second || strings.Contains(html.body, `id="recommendations"`) {
				t.Errorf("the HTML page took %s, recommendations shown: %v; want it within a second, without them", took, strings.Contains(html.body, `id="recommendations"`))
			}
		})
	}
}

func TestWithoutTheCatalogThePageFails(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), nil, local.Module, currencylocal.Module)
	res := get(t, p, "/bff/web/product/"+sunglasses, http.StatusNotFound, nil)
	if e := res.Err(t); e.Error.Reason != "unknown_endpoint" {
		t.Errorf("error %+v, want the catalog's endpoint reported missing", e.Error)
	}
}
