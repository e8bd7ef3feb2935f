package local_test

import (
	"errors"
	"testing"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestEachOrderFinishesInItsOwnMode: the shop is restarted with the other
// checkout mode while an order is in flight (its saga retrying an
// unavailable inventory, or its participants' events not yet published); each finishes in the mode it
// was placed in — the orchestrated one by its saga, the choreographed one
// by the events — and new orders take the new mode.
func TestEachOrderFinishesInItsOwnMode(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		ada := customer(t, "ada")
		first := startIn(t, be, orders.ModeOrchestration)
		first.stubs.inventoryDown.Store(true)
		orchestrated := first.checkout(t, form("USD", nil), ada...).OrderID
		first.eventually(t, "the saga retrying the reservation", func() bool {
			info, err := first.sagas.Get(ctx, orchestrated)
			return err == nil && info.Attempt > 1
		})
		first.Stop(t)

		second := startIn(t, be, orders.ModeChoreography)
		if info, o := second.finished(t, orchestrated, ada...); info.Status != saga.StatusCompleted || o.Status != orders.StatusCompleted || o.CheckoutMode != orders.ModeOrchestration {
			t.Errorf("the orchestrated order after the switch: saga %s, order %s in %s", info.Status, o.Status, o.CheckoutMode)
		}
		choreographed := second.checkout(t, form("USD", nil), ada...).OrderID
		second.placed(t, choreographed)
		second.Stop(t)

		third := startIn(t, be, orders.ModeOrchestration)
		at := clock()
		testkit.Publish(t, third.Process, purchase.StockReserved, step(choreographed, at(1)))
		testkit.Publish(t, third.Process, purchase.PaymentCharged, purchase.PaymentChargedEvent{OrderID: choreographed, TransactionID: "TX-1", At: at(2)})
		testkit.Publish(t, third.Process, purchase.Shipped, purchase.ShippedEvent{OrderID: choreographed, TrackingID: "TRACK-1", At: at(3)})
		testkit.Publish(t, third.Process, purchase.StockCommitted, step(choreographed, at(4)))
		o := third.await(t, choreographed, ada, "COMPLETED", func(o orders.Order) bool { return o.Status == orders.StatusCompleted })
		if o.CheckoutMode != orders.ModeChoreography || o.TrackingID != "TRACK-1" || len(o.Steps) != 4 {
			t.Errorf("the choreographed order after the switch: %s, tracking %q, %d steps", o.CheckoutMode, o.TrackingID, len(o.Steps))
		}
		if _, err := third.sagas.Get(ctx, choreographed); !errors.Is(err, shared.ErrNotFound) {
			t.Errorf("a saga for the choreographed order: %v", err)
		}
		if n := third.stubs.count(payment.Charge.Info().Name); n != 0 {
			t.Errorf("the saga charged %d times after the switch back, want none", n)
		}
		if n := third.checkouts(t); n != 1 {
			t.Errorf("%d checkout sagas, want the first order's only", n)
		}
	})
}

// TestCheckoutModeIsOneOfTwo: any other orders.checkout_mode fails fast,
// naming the key.
func TestCheckoutModeIsOneOfTwo(t *testing.T) {
	src, err := config.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	src.Set("orders.checkout_mode", "saga")
	c := app.Defaults()
	var fe *config.FieldError
	if err := src.Decode("orders", &c); !errors.As(err, &fe) || fe.Key != "orders.checkout_mode" {
		t.Errorf("Decode = %v, want a FieldError for orders.checkout_mode", err)
	}
}
