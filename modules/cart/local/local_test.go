package local_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/testkit"
)

func TestGuestsEachGetTheirOwnCart(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		alice, bob := &guest{p: p}, &guest{p: p}

		res := alice.do(t, http.MethodGet, "/api/cart", nil)
		if res.Status != http.StatusOK || !strings.Contains(string(res.Body), `"items":[]`) {
			t.Fatalf("first GET /api/cart: %d %s, want 200 with an empty items array", res.Status, res.Body)
		}
		if alice.cookie == "" {
			t.Fatal("a first visit got no session cookie")
		}
		alice.add(t, sunglasses, 2)
		bob.add(t, mug, 1)
		if bob.cookie == "" || bob.cookie == alice.cookie {
			t.Fatalf("second guest's cookie %q, first guest's %q: want two different sessions", bob.cookie, alice.cookie)
		}

		if got := alice.cart(t, http.MethodGet, "/api/cart", nil).Items; !slices.Equal(got, []cart.Item{item(sunglasses, 2)}) {
			t.Errorf("first guest's cart = %v, want only their 2 sunglasses", got)
		}
		if got := bob.cart(t, http.MethodGet, "/api/cart", nil).Items; !slices.Equal(got, []cart.Item{item(mug, 1)}) {
			t.Errorf("second guest's cart = %v, want only their mug", got)
		}
	})
}

func TestOwnerNeverComesFromTheBody(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		mallory := &guest{p: p}
		body := map[string]any{"user_id": "victim", "product_id": mug, "quantity": 3}
		if got := mallory.cart(t, http.MethodPost, "/api/cart/items", body).Items; !slices.Equal(got, []cart.Item{item(mug, 3)}) {
			t.Errorf("sender's cart = %v, want the 3 mugs", got)
		}
		victim, err := cart.GetCart.Call(context.Background(), p.Bus, cart.GetCartRequest{UserID: "victim"})
		if err != nil || len(victim.Items) != 0 {
			t.Errorf("cart named in the body = %+v, %v; want it untouched and empty", victim, err)
		}
		res := mallory.do(t, http.MethodGet, "/api/cart", nil)
		if strings.Contains(string(res.Body), mallory.cookie) {
			t.Errorf("the cart JSON reveals the HttpOnly session id: %s", res.Body)
		}
	})
}

func TestAddMergesQuantitiesInProductOrder(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		g := &guest{p: start(t, be)}
		g.add(t, sunglasses, 1)
		g.add(t, watch, 2)
		got := g.add(t, watch, 3).Items
		want := []cart.Item{item(watch, 5), item(sunglasses, 1)}
		if !slices.Equal(got, want) {
			t.Errorf("after adding 1 sunglasses and 2+3 watches: %v, want %v (product id order)", got, want)
		}
		if got := g.add(t, watch, 95).Items; !slices.Equal(got, []cart.Item{item(watch, 100), item(sunglasses, 1)}) {
			t.Errorf("filling up to the cap: %v, want 100 watches", got)
		}
	})
}

func TestEmptyCart(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		g, other := &guest{p: p}, &guest{p: p}
		g.add(t, mug, 2)
		g.add(t, watch, 1)
		other.add(t, mug, 4)
		for attempt := range 2 {
			if got := g.cart(t, http.MethodDelete, "/api/cart", nil).Items; len(got) != 0 {
				t.Errorf("DELETE /api/cart #%d answered %v, want an empty cart", attempt+1, got)
			}
		}
		if got := g.cart(t, http.MethodGet, "/api/cart", nil).Items; len(got) != 0 {
			t.Errorf("after emptying: %v, want nothing", got)
		}
		if got := other.cart(t, http.MethodGet, "/api/cart", nil).Items; !slices.Equal(got, []cart.Item{item(mug, 4)}) {
			t.Errorf("another guest's cart = %v after the first emptied theirs, want 4 mugs", got)
		}
		var rows int64
		if err := p.DB.Table("cart_items").Count(&rows).Error; err != nil || rows != 1 {
			t.Errorf("cart_items holds %d rows (%v), want only the other guest's 1", rows, err)
		}
		if _, err := cart.EmptyCart.Call(context.Background(), p.Bus, cart.EmptyCartRequest{UserID: "never-used"}); err != nil {
			t.Errorf("emptying a cart that never existed: %v", err)
		}
	})
}

func TestEmptyingNamedProductsLeavesTheOthers(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		ctx := context.Background()
		for _, product := range []string{sunglasses, mug} {
			if err := add("ada", product, 1, p)(); err != nil {
				t.Fatal(err)
			}
		}
		for attempt := range 2 {
			if _, err := cart.EmptyCart.Call(ctx, p.Bus, cart.EmptyCartRequest{UserID: "ada", ProductIDs: []string{sunglasses}}); err != nil {
				t.Fatalf("emptying the sunglasses, #%d: %v", attempt+1, err)
			}
		}
		got, err := cart.GetCart.Call(ctx, p.Bus, cart.GetCartRequest{UserID: "ada"})
		if err != nil || !slices.Equal(got.Items, []cart.Item{item(mug, 1)}) {
			t.Errorf("after emptying the sunglasses twice: %v (%v), want the mug left", got.Items, err)
		}
	})
}
