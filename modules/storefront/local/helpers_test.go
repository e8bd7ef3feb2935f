package local_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"go.uber.org/fx"

	adslocal "github.com/jubako/jubako/modules/ads/local"
	cartlocal "github.com/jubako/jubako/modules/cart/local"
	"github.com/jubako/jubako/modules/catalog"
	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	"github.com/jubako/jubako/modules/currency"
	currencylocal "github.com/jubako/jubako/modules/currency/local"
	recommendationlocal "github.com/jubako/jubako/modules/recommendation/local"
	shippinglocal "github.com/jubako/jubako/modules/shipping/local"
	"github.com/jubako/jubako/modules/storefront/local"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// Products of Online Boutique's catalog.
const (
	sunglasses = "OLJCESPC7Z" // category accessories, whose ad is the watch's
	mug        = "6E92ZMYYFZ"
	watch      = "1YMWWN1N4O"
)

// shop is the storefront with every module its pages draw on but orders
// and identity (the tests that need them stub or start them).
func shop(t *testing.T, be testkit.Backend, extra ...fx.Option) *testkit.Process {
	t.Helper()
	// Whole pages must not lose parts to a loaded machine: the optional
	// parts' deadline is tested by the degrade tests, with the default.
	return testkit.Start(t, be, testkit.Settings{"storefront.optional_timeout": "5s"}, append([]fx.Option{local.Module, cataloglocal.Module, currencylocal.Module,
		recommendationlocal.Module, adslocal.Module, cartlocal.Module, shippinglocal.Module}, extra...)...)
}

// get fetches a page as the test customer and decodes it; it fails t
// unless the status is want.
func get(t *testing.T, p *testkit.Process, path string, want int, v any, headers ...string) testkit.Response {
	t.Helper()
	res := p.Do(t, http.MethodGet, path, nil, append([]string{"Authorization", testkit.CustomerAuthorization}, headers...)...)
	if res.Status != want {
		t.Fatalf("GET %s: %d, want %d: %s", path, res.Status, want, res.Body)
	}
	if v != nil {
		res.Decode(t, v)
	}
	return res
}

// addToCart puts quantity of product in the test customer's cart.
func addToCart(t *testing.T, p *testkit.Process, product string, quantity int) {
	t.Helper()
	res := p.Do(t, http.MethodPost, "/api/cart/items", map[string]any{"product_id": product, "quantity": quantity},
		"Authorization", testkit.CustomerAuthorization)
	if res.Status != http.StatusOK {
		t.Fatalf("add to cart: %d %s", res.Status, res.Body)
	}
}

// priceIn is the product's price converted by the currency module itself.
func priceIn(t *testing.T, p *testkit.Process, id, code string) shared.Money {
	t.Helper()
	ctx := context.Background()
	prod, err := catalog.GetProduct.Call(ctx, p.Bus, catalog.GetProductRequest{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	if code == "USD" {
		return prod.PriceUSD
	}
	m, err := currency.Convert.Call(ctx, p.Bus, currency.ConvertRequest{From: prod.PriceUSD, ToCode: code})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// keys lists the top-level keys of a JSON object.
func keys(t *testing.T, body []byte) map[string]bool {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}
