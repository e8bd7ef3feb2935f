package gateway_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/gateway"
)

func decode(t *testing.T, settings map[string]any) (gateway.Config, error) {
	t.Helper()
	cfg, _, err := decodeWith(t, settings)
	return cfg, err
}

// decodeWith decodes the http section from settings, as host.LoadConfig
// does, and returns the source for WithRoutes.
func decodeWith(t *testing.T, settings map[string]any) (gateway.Config, *config.Source, error) {
	t.Helper()
	src, err := config.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range settings {
		src.Set(k, v)
	}
	cfg := gateway.Defaults()
	return cfg, src, src.Decode("http", &cfg)
}

// shopRoutes are the routes the shop's catalog and currency declare.
var shopRoutes = []gateway.CachedRoute{
	{Name: "products", CacheRoute: gateway.CacheRoute{Path: "/api/catalog/products", TTL: time.Minute, InvalidatedBy: []string{"catalog.price_changed.v1"}}},
	{Name: "product", CacheRoute: gateway.CacheRoute{Path: "/api/catalog/products/:id", TTL: time.Minute, InvalidatedBy: []string{"catalog.price_changed.v1"}}},
	{Name: "currencies", CacheRoute: gateway.CacheRoute{Path: "/api/currency/currencies", TTL: time.Hour}},
}

// withShopRoutes decodes settings over the shop's declared routes.
func withShopRoutes(t *testing.T, settings map[string]any) (gateway.Config, error) {
	t.Helper()
	cfg, src, err := decodeWith(t, settings)
	if err != nil {
		return cfg, err
	}
	cfg.Cache, err = cfg.Cache.WithRoutes(src, "http.cache", shopRoutes)
	return cfg, err
}

func TestBadEdgeSettingsNameTheirKey(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings map[string]any
		key      string
	}{
		{"no requests", map[string]any{"http.rate_limit.read.requests": 0}, "http.rate_limit.read.requests"},
		{"window too short", map[string]any{"http.rate_limit.auth.window": "500ms"}, "http.rate_limit.auth.window"},
		{"auth path not a path", map[string]any{"http.rate_limit.auth_paths": "api/auth"}, "http.rate_limit.auth_paths"},
		{"cache route not a path", map[string]any{"http.cache.routes.product.path": "products/:id"}, "http.cache.routes.product.path"},
		{"negative TTL", map[string]any{"http.cache.routes.extra.path": "/api/x", "http.cache.routes.extra.ttl": "-1s"}, "http.cache.routes.extra.ttl"},
		{"not a topic", map[string]any{"http.cache.routes.product.invalidated_by": "prices"}, "http.cache.routes.product.invalidated_by"},
		{"no room", map[string]any{"http.cache.max_entries": 0}, "http.cache.max_entries"},
		{"origin with a path", map[string]any{"http.cors.origins": "https://shop.example.com/app"}, "http.cors.origins"},
		{"origin without scheme", map[string]any{"http.cors.origins": "shop.example.com"}, "http.cors.origins"},
		{"wildcard host", map[string]any{"http.cors.origins": "https://*"}, "http.cors.origins"},
		{"any origin with cookies", map[string]any{"http.cors.origins": "*", "http.cors.allow_credentials": true}, "http.cors.origins"},
		{"negative HSTS", map[string]any{"http.security.hsts_max_age": "-1h"}, "http.security.hsts_max_age"},
		{"proxy header without proxies", map[string]any{"http.proxy_header": "X-Real-IP"}, "http.trusted_proxies"},
		{"proxy not an address", map[string]any{"http.proxy_header": "X-Real-IP", "http.trusted_proxies": "lb"}, "http.trusted_proxies"},
		{"no handler time", map[string]any{"http.handler_timeout": "0s"}, "http.handler_timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decode(t, tc.settings)
			var fe *config.FieldError
			if !errors.As(err, &fe) || fe.Key != tc.key {
				t.Errorf("got %v, want an error naming %s", err, tc.key)
			}
		})
	}
}

func TestEdgeSettingsOverDefaults(t *testing.T) {
	cfg, err := withShopRoutes(t, map[string]any{
		"http.rate_limit.write.requests":            30,
		"http.cache.routes.product.ttl":             "5s",
		"http.cache.routes.ads.path":                "/api/ads",
		"http.cache.routes.ads.ttl":                 "10s",
		"http.cors.origins":                         "https://shop.example.com,https://*.example.org",
		"http.proxy_header":                         "X-Real-IP",
		"http.trusted_proxies":                      "10.0.0.0/8,127.0.0.1",
		"http.security.hsts_max_age":                "8760h",
		"http.cache.routes.products.invalidated_by": "catalog.price_changed.v1,catalog.product_added.v1",
	})
	if err != nil {
		t.Fatal(err)
	}
	d := gateway.Defaults()
	switch {
	case cfg.RateLimit.Write.Requests != 30 || cfg.RateLimit.Write.Window != d.RateLimit.Write.Window || cfg.RateLimit.Read != d.RateLimit.Read:
		t.Errorf("rate limits %+v", cfg.RateLimit)
	case cfg.Cache.Routes["product"].TTL.Seconds() != 5 || cfg.Cache.Routes["product"].Path != "/api/catalog/products/:id":
		t.Errorf("product route %+v", cfg.Cache.Routes["product"])
	case cfg.Cache.Routes["ads"].Path != "/api/ads" || len(cfg.Cache.Routes) != 4:
		t.Errorf("routes %+v", cfg.Cache.Routes)
	case len(cfg.Cache.Routes["products"].InvalidatedBy) != 2:
		t.Errorf("products route %+v", cfg.Cache.Routes["products"])
	case len(cfg.CORS.Origins) != 2 || len(cfg.TrustedProxies) != 2 || cfg.Security.HSTSMaxAge.Hours() != 8760:
		t.Errorf("cors %+v, proxies %v, security %+v", cfg.CORS, cfg.TrustedProxies, cfg.Security)
	}
}
