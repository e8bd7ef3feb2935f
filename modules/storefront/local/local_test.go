package local_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/platform/testkit"
)

func TestWebProductPageComposesEveryModule(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := shop(t, be)
		addToCart(t, p, mug, 2)
		addToCart(t, p, watch, 1)
		var page storefront.ProductPage
		get(t, p, "/bff/web/product/"+sunglasses+"?currency=EUR", http.StatusOK, &page)

		if page.Currency != "EUR" || page.Product.ID != sunglasses || page.Product.Name != "Sunglasses" || page.Product.Description == "" ||
			page.Product.Price != priceIn(t, p, sunglasses, "EUR") || !slices.Equal(page.Product.Categories, []string{"accessories"}) {
			t.Errorf("product %+v in %s, want the sunglasses priced in EUR", page.Product, page.Currency)
		}
		if n := len(page.Recommendations); n == 0 || n > 4 {
			t.Errorf("%d recommendations, want 1 to 4", n)
		}
		for _, r := range page.Recommendations {
			if r.ID == sunglasses || r.Name == "" || r.Picture == "" || r.Price != priceIn(t, p, r.ID, "EUR") {
				t.Errorf("recommendation %+v: want another product, named, priced in EUR", r)
			}
		}
		if page.Ad == nil || page.Ad.RedirectURL != "/product/"+watch {
			t.Errorf("ad %+v, want the watch's (the accessories ad)", page.Ad)
		}
		if page.CartItemCount != 3 || len(page.Degraded) != 0 {
			t.Errorf("cart count %d, degraded %v; want 3 items and a whole page", page.CartItemCount, page.Degraded)
		}
	})
}

func TestTheCurrencyComesFromTheQueryOrTheCookie(t *testing.T) {
	p := shop(t, testkit.SQLite(t))
	cookie := func(code string) []string { return []string{"Cookie", storefront.CurrencyCookie + "=" + code} }
	for _, tc := range []struct {
		name    string
		query   string
		headers []string
		want    string
	}{
		{"nothing chosen", "", nil, "USD"},
		{"query", "?currency=JPY", nil, "JPY"},
		{"query in lower case", "?currency=gbp", nil, "GBP"},
		{"cookie", "", cookie("CAD"), "CAD"},
		{"the query wins", "?currency=EUR", cookie("CAD"), "EUR"},
		{"a stale cookie falls back to USD", "", cookie("XYZ"), "USD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var page storefront.ProductPage
			get(t, p, "/bff/web/product/"+mug+tc.query, http.StatusOK, &page, tc.headers...)
			if page.Currency != tc.want || page.Product.Price != priceIn(t, p, mug, tc.want) {
				t.Errorf("priced %+v in %s, want %s", page.Product.Price, page.Currency, tc.want)
			}
		})
	}
}

func TestBadRequestsAreRefused(t *testing.T) {
	p := shop(t, testkit.SQLite(t))
	for _, tc := range []struct {
		name, path    string
		status        int
		reason, field string
	}{
		{"unknown product", "/bff/web/product/NOPE", http.StatusNotFound, "product_not_found", ""},
		{"unknown product, mobile", "/bff/mobile/product/NOPE", http.StatusNotFound, "product_not_found", ""},
		{"unsupported currency", "/bff/web/product/" + mug + "?currency=XYZ", http.StatusBadRequest, "unsupported_currency", "currency"},
		{"unsupported currency, home", "/bff/web/home?currency=12", http.StatusBadRequest, "unsupported_currency", "currency"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := get(t, p, tc.path, tc.status, nil)
			if e := res.Err(t); e.Error.Reason != tc.reason || e.Error.Field != tc.field {
				t.Errorf("error %+v, want reason %q on field %q", e.Error, tc.reason, tc.field)
			}
		})
	}
}

func TestMobileProductPageIsCompact(t *testing.T) {
	p := shop(t, testkit.SQLite(t))
	addToCart(t, p, mug, 1)
	var page storefront.MobileProductPage
	res := get(t, p, "/bff/mobile/product/"+mug+"?currency=EUR", http.StatusOK, &page)
	if page.ID != mug || page.Name != "Mug" || page.Price != priceIn(t, p, mug, "EUR") ||
		page.Picture != "/static/img/products/mug.jpg?size=small" || page.CartItemCount != 1 {
		t.Errorf("page %+v, want the mug priced in EUR with its thumbnail", page)
	}
	if n := len(page.Recommendations); n == 0 || n > 4 {
		t.Errorf("%d recommendations, want 1 to 4", n)
	}
	for _, r := range page.Recommendations {
		if r.ID == mug || r.Name == "" || r.Price != priceIn(t, p, r.ID, "EUR") {
			t.Errorf("recommendation %+v", r)
		}
	}
	got := keys(t, res.Body)
	for _, absent := range []string{"description", "ad", "product", "categories"} {
		if got[absent] {
			t.Errorf("the mobile page has %q: %s", absent, res.Body)
		}
	}
}

func TestHomePageListsEveryProduct(t *testing.T) {
	p := shop(t, testkit.SQLite(t))
	addToCart(t, p, sunglasses, 4)
	var page storefront.HomePage
	get(t, p, "/bff/web/home?currency=JPY", http.StatusOK, &page)
	if len(page.Products) != 9 || page.Currency != "JPY" || page.CartItemCount != 4 || len(page.Degraded) != 0 {
		t.Fatalf("%d products in %s, cart %d, degraded %v; want Online Boutique's 9 in JPY and 4 items",
			len(page.Products), page.Currency, page.CartItemCount, page.Degraded)
	}
	for _, c := range page.Products {
		if c.Price != priceIn(t, p, c.ID, "JPY") {
			t.Errorf("%s costs %+v, want its price in JPY", c.ID, c.Price)
		}
	}
}
