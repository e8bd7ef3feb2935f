package local_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/catalog"
	currencylocal "github.com/jubako/jubako/modules/currency/local"
	"github.com/jubako/jubako/modules/storefront/local"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestPagesShowTheShopInTheVisitorsCurrency(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := shop(t, be)
		v := newVisitor(t, p.URL)
		home := v.get("/")
		home.want(t, http.StatusOK, `<option value="EUR">EUR</option>`, `<aside class="ad"`,
			"Sunglasses", "US$19.99", `href="/product/`+mug+`"`, `src="/static/img/products/mug.jpg" alt=""`)
		if csp := home.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.HasPrefix(home.header.Get("Content-Type"), "text/html") {
			t.Errorf("home is %q with policy %q, want an HTML page allowing the shop's own scripts", home.header.Get("Content-Type"), csp)
		}

		v.post("/setCurrency", url.Values{"currency_code": {"eur"}}, "Referer", p.URL+"/product/"+mug+"?from=home").
			redirects(t, "/product/"+mug+"?from=home")
		eur := priceIn(t, p, sunglasses, "EUR")
		v.get("/").want(t, http.StatusOK, `<option value="EUR" selected>EUR</option>`, "€"+eur.Rat().FloatString(2))
		product := v.get("/product/" + sunglasses)
		product.want(t, http.StatusOK, "<h1>Sunglasses</h1>", `alt="Sunglasses"`, "€"+eur.Rat().FloatString(2),
			`<select id="quantity" name="quantity">`, "<option>10</option>", `id="recommendations"`, "Add to cart")

		v.post("/setCurrency", url.Values{"currency_code": {"XYZ"}}).want(t, http.StatusBadRequest, "That did not work", "XYZ")
		v.post("/setCurrency", url.Values{"currency_code": {"JPY"}}, "Referer", "https://elsewhere.example/page").redirects(t, "/")
	})
}

func TestStaticFilesAreEmbeddedAndCached(t *testing.T) {
	p := shop(t, testkit.SQLite(t))
	v := newVisitor(t, p.URL)
	for _, tc := range []struct {
		path, kind, cache string
	}{
		{"/static/img/products/mug.jpg", "image/jpeg", "max-age=86400"},
		{"/static/img/products/sunglasses.jpg?size=small", "image/jpeg", "max-age=86400"},
		{"/static/shop.css", "text/css", "max-age=3600"},
		{"/static/htmx.min.js", "text/javascript", "max-age=3600"},
		{"/static/img/NOTICE", "text/plain", "max-age=3600"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res := v.get(tc.path)
			if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), tc.kind) ||
				!strings.Contains(res.header.Get("Cache-Control"), tc.cache) || res.header.Get("ETag") == "" {
				t.Fatalf("%d %s, cache %q, etag %q", res.status, res.header.Get("Content-Type"), res.header.Get("Cache-Control"), res.header.Get("ETag"))
			}
			if again := v.get(tc.path, "If-None-Match", res.header.Get("ETag")); again.status != http.StatusNotModified {
				t.Errorf("revalidated: %d, want 304", again.status)
			}
		})
	}
	v.get("/static/img/products/nothing.jpg").want(t, http.StatusNotFound, "Not found")
	v.get("/static/../web.go").want(t, http.StatusNotFound)
}

// unavailableCatalog stands in for a catalog that does not answer.
var unavailableCatalog = fx.Invoke(func(b *bus.Bus) {
	catalog.ListProducts.Handle(b, func(context.Context, catalog.ListProductsRequest) (catalog.ListProductsReply, error) {
		return catalog.ListProductsReply{}, shared.Errorf(shared.CodeUnavailable, "the catalog is down")
	})
})

func TestErrorsArePages(t *testing.T) {
	down := testkit.Start(t, testkit.SQLite(t), nil, local.Module, currencylocal.Module, unavailableCatalog)
	limited := shop(t, testkit.SQLite(t))
	strict := testkit.Start(t, testkit.SQLite(t), testkit.Settings{"http.rate_limit.enabled": true, "http.rate_limit.read.requests": 2},
		local.Module, currencylocal.Module)
	for _, tc := range []struct {
		name   string
		base   string
		path   string
		repeat int
		status int
		texts  []string
		header string
	}{
		{"an unknown product", limited.URL, "/product/NOPE", 1, http.StatusNotFound, []string{"Not found", "Back to the shop"}, ""},
		{"an unknown order", limited.URL, "/orders/nope", 1, http.StatusNotFound, []string{"Not found"}, ""},
		{"a catalog that does not answer", down.URL, "/", 1, http.StatusServiceUnavailable,
			[]string{"Part of the shop is not answering", "try again in a few seconds"}, "Retry-After"},
		{"too many requests", strict.URL, "/login", 3, http.StatusTooManyRequests, []string{"One moment, please", "Please wait"}, "Retry-After"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := newVisitor(t, tc.base)
			var res page
			for range tc.repeat {
				res = v.get(tc.path)
			}
			res.want(t, tc.status, tc.texts...)
			if !strings.HasPrefix(res.header.Get("Content-Type"), "text/html") || (tc.header != "" && res.header.Get(tc.header) == "") {
				t.Errorf("answered %s with %s %q, want an HTML page", res.header.Get("Content-Type"), tc.header, res.header.Get(tc.header))
			}
		})
	}
	if res := newVisitor(t, limited.URL).get("/bff/web/product/NOPE"); !strings.HasPrefix(res.header.Get("Content-Type"), "application/json") {
		t.Errorf("the JSON pages' errors are %s, want JSON", res.header.Get("Content-Type"))
	}
}

func TestCrossSiteFormsAreRefused(t *testing.T) {
	p := shop(t, testkit.SQLite(t))
	add := url.Values{"product_id": {mug}, "quantity": {"1"}}
	for _, tc := range []struct {
		name    string
		headers []string
		added   bool
	}{
		{"a script or load generator, saying nothing", nil, true},
		{"the shop's own page", []string{"Sec-Fetch-Site", "same-origin", "Origin", p.URL}, true},
		{"an older browser on the shop's page", []string{"Origin", p.URL}, true},
		{"another site", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, false},
		{"a sibling site", []string{"Sec-Fetch-Site", "same-site", "Origin", "http://shop.localhost"}, false},
		{"an older browser on another site", []string{"Origin", "https://evil.example"}, false},
		{"a privacy-minded context (Origin: null)", []string{"Origin", "null"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := newVisitor(t, p.URL)
			v.get("/") // the guest session, as OB's load generator starts
			res := v.post("/cart", add, tc.headers...)
			cart := v.get("/cart")
			if tc.added {
				res.redirects(t, "/cart")
				cart.want(t, http.StatusOK, "Quantity 1 ×")
				return
			}
			res.want(t, http.StatusForbidden, "This form came from another site")
			cart.want(t, http.StatusOK, "Your cart is empty")
		})
	}
}
