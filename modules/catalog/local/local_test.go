package local_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/catalog/local"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// priceWatch is a stand-in subscriber module that records price changes.
type priceWatch struct {
	mu     sync.Mutex
	events []catalog.PriceChangedEvent
}

func (w *priceWatch) module() fx.Option {
	return fx.Invoke(func(b *bus.Bus) {
		catalog.PriceChanged.Consume(b, "pricewatch", func(_ context.Context, e catalog.PriceChangedEvent) error {
			w.mu.Lock()
			defer w.mu.Unlock()
			w.events = append(w.events, e)
			return nil
		})
	})
}

func (w *priceWatch) seen() []catalog.PriceChangedEvent {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]catalog.PriceChangedEvent(nil), w.events...)
}

func start(t *testing.T, be testkit.Backend) (*testkit.Process, *priceWatch) {
	w := &priceWatch{}
	p := testkit.Start(t, be, nil, local.Module, w.module())
	return p, w
}

func TestListGetAndSearch(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be)
		var list catalog.ListProductsReply
		res := p.Do(t, http.MethodGet, "/api/catalog/products", nil)
		res.Decode(t, &list)
		if res.Status != http.StatusOK || len(list.Products) != 9 {
			t.Fatalf("GET /products: %d with %d products, want 200 with Online Boutique's 9", res.Status, len(list.Products))
		}

		var sunglasses catalog.Product
		p.Do(t, http.MethodGet, "/api/catalog/products/OLJCESPC7Z", nil).Decode(t, &sunglasses)
		want := shared.Money{CurrencyCode: "USD", Units: 19, Nanos: 990000000}
		if sunglasses.Name != "Sunglasses" || sunglasses.PriceUSD != want || len(sunglasses.Categories) != 1 {
			t.Errorf("sunglasses = %+v", sunglasses)
		}

		res = p.Do(t, http.MethodGet, "/api/catalog/products/NOPE", nil)
		if e := res.Err(t); res.Status != http.StatusNotFound || e.Error.Code != "not_found" || e.Error.Reason != "product_not_found" {
			t.Errorf("unknown product: %d %+v, want 404 not_found/product_not_found", res.Status, e)
		}

		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"MUG", []string{"Mug"}},
			{"sleek", []string{"Sunglasses"}},
			{"%", nil},
			{"_", nil},
			{"no such thing", nil},
		} {
			var found catalog.ListProductsReply
			p.Do(t, http.MethodGet, "/api/catalog/products?q="+urlQuery(tc.q), nil).Decode(t, &found)
			if names := names(found.Products); !equal(names, tc.want) {
				t.Errorf("search %q = %v, want %v", tc.q, names, tc.want)
			}
		}
	})
}

func TestPriceUpdateIsAdminOnlyAndPublishesOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, watch := start(t, be)
		body := map[string]any{"price_usd": map[string]any{"currency_code": "USD", "units": 25, "nanos": 500000000}}
		path := "/api/catalog/products/OLJCESPC7Z/price"

		if res := p.Do(t, http.MethodPut, path, body); res.Status != http.StatusUnauthorized {
			t.Errorf("without token: %d, want 401", res.Status)
		}
		if res := p.Do(t, http.MethodPut, path, body, "Authorization", testkit.CustomerAuthorization); res.Status != http.StatusForbidden {
			t.Errorf("as a customer: %d, want 403", res.Status)
		}
		for range 2 {
			res := p.Do(t, http.MethodPut, path, body, "Authorization", testkit.AdminAuthorization)
			var got catalog.Product
			res.Decode(t, &got)
			if res.Status != http.StatusOK || got.PriceUSD.Units != 25 || got.PriceUSD.Nanos != 500000000 {
				t.Fatalf("update: %d %+v", res.Status, got)
			}
		}
		var after catalog.Product
		p.Do(t, http.MethodGet, "/api/catalog/products/OLJCESPC7Z", nil).Decode(t, &after)
		if after.PriceUSD.Units != 25 {
			t.Errorf("price after update = %+v", after.PriceUSD)
		}
		testkit.Eventually(t, 10*time.Second, func() bool { return len(watch.seen()) == 1 },
			func() string { return "no price_changed event arrived" })
		time.Sleep(300 * time.Millisecond)
		events := watch.seen()
		if len(events) != 1 {
			t.Fatalf("got %d price_changed events for one change (the second update set the same price), want 1", len(events))
		}
		if e := events[0]; e.ProductID != "OLJCESPC7Z" || e.Old.Units != 19 || e.New.Units != 25 {
			t.Errorf("event = %+v", e)
		}
	})
}

func TestPriceUpdateRejectsBadInput(t *testing.T) {
	p, _ := start(t, testkit.SQLite(t))
	auth := []string{"Authorization", testkit.AdminAuthorization}
	for _, tc := range []struct {
		name, path string
		body       any
		status     int
		field      string
	}{
		{"malformed JSON", "/api/catalog/products/OLJCESPC7Z/price", `{"price_usd":`, 400, "body"},
		{"missing price", "/api/catalog/products/OLJCESPC7Z/price", `{}`, 400, "price_usd"},
		{"units not a number", "/api/catalog/products/OLJCESPC7Z/price", `{"price_usd":{"currency_code":"USD","units":"ten"}}`, 400, "price_usd.units"},
		{"negative", "/api/catalog/products/OLJCESPC7Z/price", `{"price_usd":{"currency_code":"USD","units":-1}}`, 400, "price_usd.units"},
		{"nanos out of range", "/api/catalog/products/OLJCESPC7Z/price", `{"price_usd":{"currency_code":"USD","units":1,"nanos":1000000000}}`, 400, "price_usd.nanos"},
		{"not USD", "/api/catalog/products/OLJCESPC7Z/price", `{"price_usd":{"currency_code":"EUR","units":1}}`, 400, "price_usd.currency_code"},
		{"unknown product", "/api/catalog/products/NOPE/price", `{"price_usd":{"currency_code":"USD","units":1}}`, 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := p.Do(t, http.MethodPut, tc.path, tc.body, auth...)
			e := res.Err(t)
			if res.Status != tc.status || e.Error.Field != tc.field {
				t.Errorf("%d field %q (%s), want %d field %q", res.Status, e.Error.Field, e.Error.Message, tc.status, tc.field)
			}
		})
	}
}
