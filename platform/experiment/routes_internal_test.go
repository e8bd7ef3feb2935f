package experiment

import "testing"

func TestRoutePatternsMatchPaths(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/api/cart", "/api/cart", true},
		{"/api/cart", "/API/Cart/", true},
		{"/product/:id", "/product/OLJCESPC7Z", true},
		{"/product/:id", "/product", false},
		{"/product/:id", "/product/a/b", false},
		{"/api/orders/:id?", "/api/orders", true},
		{"/static/*", "/static/img/a.jpg", true},
		{"/static/*", "/static", true},
		{"/", "/", true},
		{"/", "/api/cart", false},
	} {
		if got := matches(splitPath(c.pattern), splitPath(c.path)); got != c.want {
			t.Errorf("%s takes %s: %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}
