package local_test

import (
	"net/http"
	"testing"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/cart"
	cartlocal "github.com/jubako/jubako/modules/cart/local"
	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/testkit"
)

// Products of Online Boutique's catalog, seeded by the catalog module.
const (
	sunglasses = "OLJCESPC7Z"
	mug        = "6E92ZMYYFZ"
	watch      = "1YMWWN1N4O"
)

// start runs the cart, with the catalog it checks products against, and
// the extra options.
func start(t *testing.T, be testkit.Backend, extra ...fx.Option) *testkit.Process {
	t.Helper()
	return testkit.Start(t, be, nil, append(extra, cartlocal.Module, cataloglocal.Module)...)
}

// guest is a browser: it keeps the session cookie it is given.
type guest struct {
	p      *testkit.Process
	cookie string
}

// do sends a request with the guest's cookie, if any, and keeps a new one.
func (g *guest) do(t *testing.T, method, path string, body any) testkit.Response {
	t.Helper()
	var headers []string
	if g.cookie != "" {
		headers = []string{"Cookie", gateway.SessionCookie + "=" + g.cookie}
	}
	res := g.p.Do(t, method, path, body, headers...)
	if c := res.Cookie(gateway.SessionCookie); c != "" {
		if g.cookie != "" {
			t.Errorf("%s %s: a guest with a session got a new one", method, path)
		}
		g.cookie = c
	}
	return res
}

// cart sends a request that must answer 200 with a cart, and decodes it.
func (g *guest) cart(t *testing.T, method, path string, body any) cart.Cart {
	t.Helper()
	res := g.do(t, method, path, body)
	if res.Status != http.StatusOK {
		t.Fatalf("%s %s: status %d: %s", method, path, res.Status, res.Body)
	}
	var c cart.Cart
	res.Decode(t, &c)
	if c.Items == nil {
		t.Fatalf("%s %s: items is not an array: %s", method, path, res.Body)
	}
	return c
}

func (g *guest) add(t *testing.T, productID string, quantity int) cart.Cart {
	t.Helper()
	return g.cart(t, http.MethodPost, "/api/cart/items", map[string]any{"product_id": productID, "quantity": quantity})
}

func item(productID string, quantity int32) cart.Item {
	return cart.Item{ProductID: productID, Quantity: quantity}
}
