package telemetry_test

import (
	"testing"

	"github.com/jubako/jubako/platform/telemetry"
)

func TestRoutePatternsMatchPaths(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/api/cart", "/api/cart", true},
		{"/api/cart", "/API/Cart/", true},
		{"/product/:id", "/product/OLJCESPC7Z", true},
		{"/product/{id}", "/product/OLJCESPC7Z", true},
		{"/product/:id", "/product", false},
		{"/product/:id", "/product/a/b", false},
		{"/api/orders/:id?", "/api/orders", true},
		{"/static/*", "/static/img/a.jpg", true},
		{"/static/*", "/static", true},
		{"/static/+", "/static/a.jpg", true},
		{"/static/+", "/static", false},
		{"/", "/", true},
		{"/", "/api/cart", false},
	} {
		if got := telemetry.PathMatches(telemetry.SplitPath(c.pattern), telemetry.SplitPath(c.path)); got != c.want {
			t.Errorf("%s takes %s: %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

func TestPathUnder(t *testing.T) {
	for _, tc := range []struct {
		path, prefix string
		want         bool
	}{
		{"/api/catalog", "/api/catalog", true},
		{"/api/catalog/products/1", "/api/catalog", true},
		{"/API/Catalog/x", "/api/catalog", true},
		{"/api/catalogue", "/api/catalog", false},
		{"/api", "/api/catalog", false},
	} {
		if got := telemetry.PathUnder(tc.path, tc.prefix); got != tc.want {
			t.Errorf("PathUnder(%q, %q) = %v, want %v", tc.path, tc.prefix, got, tc.want)
		}
	}
}
