package local_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/testkit"
)

func TestMergeMovesItemsOnceAndCaps(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		fill(t, p, "guest", map[string]int32{sunglasses: 2, mug: 60})
		fill(t, p, "ada", map[string]int32{mug: 50, watch: 1})
		want := []cart.Item{item(watch, 1), item(mug, cart.MaxQuantity), item(sunglasses, 2)}
		for attempt := range 2 {
			got, err := merge(p, "guest", "ada")
			if err != nil || !slices.Equal(got.Items, want) || got.UserID != "ada" {
				t.Errorf("merge #%d: %+v, %v; want ada's cart %v (mugs capped at %d)", attempt+1, got, err, want, cart.MaxQuantity)
			}
			if left := cartOf(t, p, "guest"); len(left) != 0 {
				t.Errorf("after merge #%d the guest cart holds %v, want nothing", attempt+1, left)
			}
		}
	})
}

func TestMergeOfAnEmptyCartChangesNothing(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		fill(t, p, "ada", map[string]int32{mug: 3})
		got, err := merge(p, "never-used", "ada")
		if err != nil || !slices.Equal(got.Items, []cart.Item{item(mug, 3)}) {
			t.Errorf("merging an empty cart: %+v, %v; want ada's 3 mugs untouched", got, err)
		}
	})
}

func TestConcurrentMergesMoveEachItemOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		fill(t, p, "guest", map[string]int32{mug: 2, watch: 3})
		fill(t, p, "ada", map[string]int32{mug: 1})
		testkit.Together(slices.Repeat([]func(){func() {
			if _, err := merge(p, "guest", "ada"); err != nil {
				t.Errorf("merge: %v", err)
			}
		}}, 10)...)
		if got := cartOf(t, p, "ada"); !slices.Equal(got, []cart.Item{item(watch, 3), item(mug, 3)}) {
			t.Errorf("after 10 concurrent merges ada holds %v, want 3 watches and 3 mugs", got)
		}
		if left := cartOf(t, p, "guest"); len(left) != 0 {
			t.Errorf("the guest cart holds %v, want nothing", left)
		}
	})
}

func TestMergeRejectsBadInput(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		fill(t, p, "guest", map[string]int32{mug: 1})
		for _, tc := range []struct{ name, from, to, field string }{
			{"no source", "", "ada", "from_user_id"},
			{"no target", "guest", " ", "to_user_id"},
			{"into itself", "guest", "guest", "to_user_id"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := merge(p, tc.from, tc.to)
				testkit.WantInvalid(t, err, tc.field)
			})
		}
		if got := cartOf(t, p, "guest"); !slices.Equal(got, []cart.Item{item(mug, 1)}) {
			t.Errorf("after the rejected merges the guest holds %v, want their mug", got)
		}
	})
}

func merge(p *testkit.Process, from, to string) (cart.Cart, error) {
	return cart.MergeCarts.Call(context.Background(), p.Bus, cart.MergeCartsRequest{FromUserID: from, ToUserID: to})
}

func fill(t *testing.T, p *testkit.Process, user string, items map[string]int32) {
	t.Helper()
	for product, n := range items {
		if err := add(user, product, n, p)(); err != nil {
			t.Fatal(err)
		}
	}
}

func cartOf(t *testing.T, p *testkit.Process, user string) []cart.Item {
	t.Helper()
	got, err := cart.GetCart.Call(context.Background(), p.Bus, cart.GetCartRequest{UserID: user})
	if err != nil {
		t.Fatal(err)
	}
	return got.Items
}
