package local_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/testkit"
)

// addConcurrently adds one of product to user's cart from n goroutines at
// once and returns the errors.
func addConcurrently(p *testkit.Process, n int, user, product string) []error {
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			req := cart.AddItemRequest{UserID: user, ProductID: product, Quantity: 1}
			_, errs[i] = cart.AddItem.Call(context.Background(), p.Bus, req)
		})
	}
	close(start)
	wg.Wait()
	return errs
}

func TestConcurrentAddsAllCount(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		for i, err := range addConcurrently(p, 20, "u1", mug) {
			if err != nil {
				t.Errorf("add #%d: %v", i, err)
			}
		}
		got, err := cart.GetCart.Call(context.Background(), p.Bus, cart.GetCartRequest{UserID: "u1"})
		if err != nil || !slices.Equal(got.Items, []cart.Item{item(mug, 20)}) {
			t.Errorf("after 20 concurrent adds of 1: %+v, %v; want 20 mugs", got, err)
		}
	})
}

func TestConcurrentAddsStopAtTheCap(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		if err := add("u1", mug, 90, p)(); err != nil {
			t.Fatal(err)
		}
		ok, refused := 0, 0
		for _, err := range addConcurrently(p, 20, "u1", mug) {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, cart.ErrTooMany):
				refused++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 10 || refused != 10 {
			t.Errorf("20 concurrent adds of 1 onto 90: %d accepted, %d refused; want 10 and 10", ok, refused)
		}
		got, err := cart.GetCart.Call(context.Background(), p.Bus, cart.GetCartRequest{UserID: "u1"})
		if err != nil || !slices.Equal(got.Items, []cart.Item{item(mug, cart.MaxQuantity)}) {
			t.Errorf("cart = %+v, %v; want exactly %d mugs", got, err, cart.MaxQuantity)
		}
	})
}
