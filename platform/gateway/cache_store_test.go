package gateway

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// shopRoutes are the routes the shop's catalog and currency declare.
var shopRoutes = map[string]CacheRoute{
	"products":   {Path: "/api/catalog/products", TTL: time.Minute, InvalidatedBy: []string{"catalog.price_changed.v1"}},
	"product":    {Path: "/api/catalog/products/:id", TTL: time.Minute, InvalidatedBy: []string{"catalog.price_changed.v1"}},
	"currencies": {Path: "/api/currency/currencies", TTL: time.Hour},
	// Configuration for a route of a module that runs elsewhere: no path.
	"ads": {TTL: time.Minute},
}

func testCache(max int, c *clock) *responseCache {
	cfg := defaultCache()
	cfg.MaxEntries = max
	cfg.Routes = shopRoutes
	return newResponseCache(cfg, c.now)
}

func TestCacheRulesMatchRoutePatterns(t *testing.T) {
	rc := testCache(10, &clock{})
	for _, tc := range []struct{ path, want string }{
		{"/api/catalog/products", "/api/catalog/products"},
		{"/api/catalog/products/", "/api/catalog/products"},
		{"/api/catalog/products/OLJCESPC7Z", "/api/catalog/products/:id"},
		{"/api/catalog/products/OLJCESPC7Z/price", ""},
		{"/api/catalog/productsX", ""},
		{"/api/currency/currencies", "/api/currency/currencies"},
		{"/api/currency/convert", ""},
		{"/api/cart", ""},
		{"/", ""},
	} {
		got := ""
		if r, ok := rc.rule(tc.path); ok {
			got = r.pattern
		}
		if got != tc.want {
			t.Errorf("%s: rule %q, want %q", tc.path, got, tc.want)
		}
	}
	if got := rc.topics(); !slices.Equal(got, []string{"catalog.price_changed.v1"}) {
		t.Errorf("topics = %v", got)
	}
}

func TestCacheEntriesExpireAndAreInvalidatedByTheirTopics(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	rc := testCache(10, c)
	product, _ := rc.rule("/api/catalog/products/A")
	currencies, _ := rc.rule("/api/currency/currencies")
	store := func(key string, r *cacheRule) {
		_, gen, _ := rc.get(key)
		rc.put(key, gen, &cached{body: []byte(key), rule: r})
	}
	has := func(key string) bool { _, _, ok := rc.get(key); return ok }

	store("/api/catalog/products/A", product)
	store("/api/currency/currencies", currencies)
	rc.invalidate("catalog.price_changed.v1")
	if has("/api/catalog/products/A") || !has("/api/currency/currencies") {
		t.Errorf("after a price change: product cached %v, currencies cached %v; want only the currencies",
			has("/api/catalog/products/A"), has("/api/currency/currencies"))
	}
	c.advance(time.Hour)
	if has("/api/currency/currencies") {
		t.Error("the currencies outlived their TTL")
	}
}

func TestAnAnswerComputedDuringAnInvalidationIsNotKept(t *testing.T) {
	rc := testCache(10, &clock{})
	r, _ := rc.rule("/api/catalog/products/A")
	_, gen, _ := rc.get("/api/catalog/products/A") // a miss starts reading the old price…
	rc.invalidate("catalog.price_changed.v1")      // …the price changes…
	rc.put("/api/catalog/products/A", gen, &cached{body: []byte("old price"), rule: r})
	if _, _, ok := rc.get("/api/catalog/products/A"); ok {
		t.Error("the answer read before the price change was kept after it")
	}
}

func TestAFullCacheMakesRoom(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	rc := testCache(3, c)
	r, _ := rc.rule("/api/catalog/products")
	for i := range 10 {
		key := fmt.Sprintf("/api/catalog/products?q=%d", i)
		_, gen, _ := rc.get(key)
		rc.put(key, gen, &cached{rule: r})
		if len(rc.entries) > 3 {
			t.Fatalf("%d entries, want at most 3", len(rc.entries))
		}
	}
	if _, _, ok := rc.get("/api/catalog/products?q=9"); !ok {
		t.Error("the newest answer was not kept")
	}
}
