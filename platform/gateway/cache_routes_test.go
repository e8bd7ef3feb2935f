package gateway_test

import (
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/gateway"
)

func TestConfigurationChangesTheRoutesModulesDeclare(t *testing.T) {
	declared := map[string]gateway.CacheRoute{}
	for _, r := range shopRoutes {
		declared[r.Name] = r.CacheRoute
	}
	for _, tc := range []struct {
		name     string
		settings map[string]any
		want     func(map[string]gateway.CacheRoute)
	}{
		{"nothing configured: as declared", nil, func(map[string]gateway.CacheRoute) {}},
		{"a TTL of 0 turns a route off", map[string]any{"http.cache.routes.currencies.ttl": "0s"}, func(m map[string]gateway.CacheRoute) {
			m["currencies"] = gateway.CacheRoute{Path: "/api/currency/currencies"}
		}},
		{"topics replace the declared ones", map[string]any{"http.cache.routes.product.invalidated_by": "catalog.product_added.v1"},
			func(m map[string]gateway.CacheRoute) {
				m["product"] = gateway.CacheRoute{Path: "/api/catalog/products/:id", TTL: time.Minute, InvalidatedBy: []string{"catalog.product_added.v1"}}
			}},
		{"a route no module here declares stays without a path", map[string]any{"http.cache.routes.ads.ttl": "10s"},
			func(m map[string]gateway.CacheRoute) { m["ads"] = gateway.CacheRoute{TTL: 10 * time.Second} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := withShopRoutes(t, tc.settings)
			if err != nil {
				t.Fatal(err)
			}
			want := maps.Clone(declared)
			tc.want(want)
			if !maps.EqualFunc(cfg.Cache.Routes, want, sameRoute) {
				t.Errorf("routes %+v, want %+v", cfg.Cache.Routes, want)
			}
		})
	}
}

func sameRoute(a, b gateway.CacheRoute) bool {
	return a.Path == b.Path && a.TTL == b.TTL && slices.Equal(a.InvalidatedBy, b.InvalidatedBy)
}

func TestCacheRouteDeclarationsAreChecked(t *testing.T) {
	route := gateway.CacheRoute{Path: "/api/x", TTL: time.Minute}
	for _, tc := range []struct {
		name     string
		declared []gateway.CachedRoute
	}{
		{"declared twice", []gateway.CachedRoute{{Name: "x", CacheRoute: route}, {Name: "x", CacheRoute: route}}},
		{"without a path", []gateway.CachedRoute{{Name: "x", CacheRoute: gateway.CacheRoute{TTL: time.Minute}}}},
		{"without a name", []gateway.CachedRoute{{CacheRoute: route}}},
		{"a name no key matches", []gateway.CachedRoute{{Name: "Products.All", CacheRoute: route}}},
		{"a TTL over a day", []gateway.CachedRoute{{Name: "x", CacheRoute: gateway.CacheRoute{Path: "/api/x", TTL: 25 * time.Hour}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, src, err := decodeWith(t, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := cfg.Cache.WithRoutes(src, "http.cache", tc.declared); err == nil {
				t.Error("accepted")
			}
		})
	}
	t.Run("a bad override names its key", func(t *testing.T) {
		_, err := withShopRoutes(t, map[string]any{"http.cache.routes.product.ttl": "25h"})
		var fe *config.FieldError
		if !errors.As(err, &fe) || fe.Key != "http.cache.routes.product.ttl" {
			t.Errorf("got %v, want an error naming http.cache.routes.product.ttl", err)
		}
	})
}

// TestForwardedRequestsAreCachedWhereTheirRouteIsDeclared: a front that
// forwards a module's route does not know it; the module's process caches
// it. A route configuration adds is cached by the front, not again here.
func TestForwardedRequestsAreCachedWhereTheirRouteIsDeclared(t *testing.T) {
	cfg, src, err := decodeWith(t, map[string]any{"http.cache.routes.extra.path": "/api/shop/extra", "http.cache.routes.extra.ttl": "1m"})
	if err != nil {
		t.Fatal(err)
	}
	declared := []gateway.CachedRoute{{Name: "items", CacheRoute: gateway.CacheRoute{Path: "/api/shop/items", TTL: time.Minute}}}
	if cfg.Cache, err = cfg.Cache.WithRoutes(src, "http.cache", declared); err != nil {
		t.Fatal(err)
	}
	g := newGatewayWith(t, cfg, io.Discard)
	g.TrustForwarded("a-service-token-of-the-topology")
	ok := func(c *fiber.Ctx) error { return c.SendString("ok") }
	g.API("shop").Get("/items", ok).Get("/extra", ok)
	for _, tc := range []struct {
		name, path, forwarded string
		want                  []string
	}{
		{"a declared route, forwarded", "/api/shop/items", "a-service-token-of-the-topology", []string{"MISS", "HIT"}},
		{"a configured route, forwarded", "/api/shop/extra", "a-service-token-of-the-topology", []string{"", ""}},
		{"a configured route, from a client", "/api/shop/extra", "", []string{"MISS", "HIT"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i, want := range tc.want {
				req := httptest.NewRequest(http.MethodGet, tc.path, nil)
				if tc.forwarded != "" {
					req.Header.Set(gateway.HeaderForwarded, tc.forwarded)
				}
				res, err := g.App.Test(req, -1)
				if err != nil {
					t.Fatal(err)
				}
				if got := res.Header.Get("X-Cache"); res.StatusCode != http.StatusOK || got != want {
					t.Errorf("request %d: %d X-Cache %q, want 200 %q", i+1, res.StatusCode, got, want)
				}
			}
		})
	}
}
