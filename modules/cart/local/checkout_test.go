package local_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/testkit"
)

func TestCompletedOrderLeavesTheCart(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		emptied, collect := testkit.Collect(purchase.CartEmptied)
		p := start(t, be, collect)
		for _, it := range []cart.AddItemRequest{
			{UserID: "ada", ProductID: sunglasses, Quantity: 2},
			{UserID: "ada", ProductID: mug, Quantity: 1},
			{UserID: "ada", ProductID: watch, Quantity: 1}, // added after the order was placed
		} {
			if _, err := cart.AddItem.Call(context.Background(), p.Bus, it); err != nil {
				t.Fatal(err)
			}
		}
		testkit.Publish(t, p, purchase.OrderCompleted, purchase.OrderCompletedEvent{
			OrderID: "o1", UserID: "ada", At: time.Now(),
			Lines: []purchase.Line{{ProductID: sunglasses, Quantity: 2}, {ProductID: mug, Quantity: 1}},
		})
		of := func(e purchase.StepEvent) bool { return e.OrderID == "o1" }
		emptied.Await(t, of)
		want := []cart.Item{item(watch, 1)}
		if got := cartOf(t, p, "ada"); !reflect.DeepEqual(got, want) {
			t.Errorf("cart %+v, want only what the order did not hold: %+v", got, want)
		}

		if _, err := cart.AddItem.Call(context.Background(), p.Bus, cart.AddItemRequest{UserID: "ada", ProductID: mug, Quantity: 3}); err != nil {
			t.Fatal(err)
		}
		testkit.Redeliver(t, p, purchase.OrderCompleted.Info().Name, "cart")
		want = []cart.Item{item(watch, 1), item(mug, 3)}
		if got := cartOf(t, p, "ada"); !reflect.DeepEqual(got, want) {
			t.Errorf("cart %+v after the completion came twice, want the mug added since kept: %+v", got, want)
		}
		if n := len(testkit.Published(t, p, purchase.CartEmptied, of)); n != 1 {
			t.Errorf("CartEmptied %d times, want once", n)
		}
	})
}
