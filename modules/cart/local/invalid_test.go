package local_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestAddRejectsBadInputOverHTTP(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		g := &guest{p: start(t, be)}
		g.add(t, mug, 60)
		for _, tc := range []struct {
			name   string
			body   any
			field  string
			reason string
		}{
			{"malformed JSON", `{"product_id":`, "body", ""},
			{"no body", "", "body", ""},
			{"not an object", `[1, 2]`, "body", ""},
			{"quantity not a number", `{"product_id":"` + sunglasses + `","quantity":"abc"}`, "quantity", ""},
			{"quantity not whole", `{"product_id":"` + sunglasses + `","quantity":1.5}`, "quantity", ""},
			{"quantity beyond int32", `{"product_id":"` + sunglasses + `","quantity":3000000000}`, "quantity", ""},
			{"quantity missing", map[string]any{"product_id": sunglasses}, "quantity", ""},
			{"quantity zero", map[string]any{"product_id": sunglasses, "quantity": 0}, "quantity", ""},
			{"quantity negative", map[string]any{"product_id": sunglasses, "quantity": -3}, "quantity", ""},
			{"quantity over the cap", map[string]any{"product_id": sunglasses, "quantity": 101}, "quantity", ""},
			{"sum over the cap", map[string]any{"product_id": mug, "quantity": 60}, "quantity", "too_many"},
			{"product_id missing", map[string]any{"quantity": 1}, "product_id", ""},
			{"product_id blank", map[string]any{"product_id": "  ", "quantity": 1}, "product_id", ""},
			{"product_id not a string", `{"product_id":7,"quantity":1}`, "product_id", ""},
			{"unknown product", map[string]any{"product_id": "NOPE", "quantity": 1}, "product_id", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := g.do(t, http.MethodPost, "/api/cart/items", tc.body)
				e := res.Err(t)
				if res.Status != http.StatusBadRequest || e.Error.Code != "invalid" || e.Error.Field != tc.field || e.Error.Reason != tc.reason {
					t.Errorf("%d %+v, want 400 invalid, field %q, reason %q", res.Status, e.Error, tc.field, tc.reason)
				}
			})
		}
		if got := g.cart(t, http.MethodGet, "/api/cart", nil).Items; !slices.Equal(got, []cart.Item{item(mug, 60)}) {
			t.Errorf("after the rejected additions the cart is %v, want the first 60 mugs only", got)
		}
	})
}

func TestBusCallsRejectBadInput(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		ctx := context.Background()
		if _, err := cart.AddItem.Call(ctx, p.Bus, cart.AddItemRequest{UserID: "u1", ProductID: mug, Quantity: 99}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name    string
			call    func() error
			field   string
			tooMany bool
		}{
			{"too many", add("u1", mug, 2, p), "quantity", true},
			{"unknown product", add("u1", "NOPE", 1, p), "product_id", false},
			{"no user on add", add("", mug, 1, p), "user_id", false},
			{"no user on get", func() error {
				_, err := cart.GetCart.Call(ctx, p.Bus, cart.GetCartRequest{})
				return err
			}, "user_id", false},
			{"no user on empty", func() error {
				_, err := cart.EmptyCart.Call(ctx, p.Bus, cart.EmptyCartRequest{UserID: " "})
				return err
			}, "user_id", false},
			{"blank product to empty", func() error {
				_, err := cart.EmptyCart.Call(ctx, p.Bus, cart.EmptyCartRequest{UserID: "u1", ProductIDs: []string{mug, ""}})
				return err
			}, "product_ids[1]", false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := tc.call()
				if !errors.Is(err, shared.ErrInvalid) || shared.AsError(err).Field != tc.field {
					t.Fatalf("error %v, want Invalid naming %q", err, tc.field)
				}
				if errors.Is(err, cart.ErrTooMany) != tc.tooMany {
					t.Errorf("errors.Is(%v, cart.ErrTooMany) = %v, want %v", err, !tc.tooMany, tc.tooMany)
				}
			})
		}
		got, err := cart.GetCart.Call(ctx, p.Bus, cart.GetCartRequest{UserID: "u1"})
		if err != nil || !slices.Equal(got.Items, []cart.Item{item(mug, 99)}) {
			t.Errorf("cart after the rejected calls: %+v, %v; want 99 mugs", got, err)
		}
	})
}

func add(user, product string, quantity int32, p *testkit.Process) func() error {
	return func() error {
		req := cart.AddItemRequest{UserID: user, ProductID: product, Quantity: quantity}
		_, err := cart.AddItem.Call(context.Background(), p.Bus, req)
		return err
	}
}
