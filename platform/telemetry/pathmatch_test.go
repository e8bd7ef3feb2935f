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
