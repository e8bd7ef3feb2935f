package local_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
)

// checkout is shipping running with the outcomes of its step of the
// choreographed checkout collected.
type checkout struct {
	p       *testkit.Process
	shipped *testkit.Events[purchase.ShippedEvent]
	failed  *testkit.Events[purchase.StepEvent]
}

func startCheckout(t *testing.T, be testkit.Backend) *checkout {
	t.Helper()
	c := &checkout{}
	var opts [2]fx.Option
	c.shipped, opts[0] = testkit.Collect(purchase.Shipped)
	c.failed, opts[1] = testkit.Collect(purchase.ShippingFailed)
	c.p = start(t, be, opts[:]...)
	return c
}

// place publishes the placing of order, shipping to zip.
func (c *checkout) place(t *testing.T, order, zip string) {
	t.Helper()
	a := purchase.Address(home())
	a.ZipCode = zip
	e := purchase.OrderPlacedEvent{OrderID: order, UserID: "ada", Currency: "USD", Address: a, At: time.Now()}
	for _, it := range items() {
		e.Lines = append(e.Lines, purchase.Line{ProductID: it.ProductID, Quantity: it.Quantity})
	}
	testkit.Publish(t, c.p, purchase.OrderPlaced, e)
}

func (c *checkout) charged(t *testing.T, order string) {
	t.Helper()
	testkit.Publish(t, c.p, purchase.PaymentCharged, purchase.PaymentChargedEvent{OrderID: order, TransactionID: "TX", At: time.Now()})
}

// kept counts the orders shipping keeps, by whether they hold an address.
func kept(t *testing.T, p *testkit.Process, withAddress bool) int64 {
	t.Helper()
	op := "="
	if withAddress {
		op = "<>"
	}
	var n int64
	if err := p.DB.Raw("SELECT COUNT(*) FROM shipping_orders WHERE street_address " + op + " ''").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func awaitKept(t *testing.T, p *testkit.Process, n int64) {
	t.Helper()
	testkit.Eventually(t, 10*time.Second, func() bool { return kept(t, p, true) == n },
		func() string { return fmt.Sprintf("%d orders kept with an address, want %d", kept(t, p, true), n) })
}

func shippedOf(order string) func(purchase.ShippedEvent) bool {
	return func(e purchase.ShippedEvent) bool { return e.OrderID == order }
}

func of(order string) func(purchase.StepEvent) bool {
	return func(e purchase.StepEvent) bool { return e.OrderID == order }
}

func TestChargedOrderShipsOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be)
		c.place(t, "o1", "94043")
		awaitKept(t, c.p, 1)
		c.charged(t, "o1")
		e := c.shipped.Await(t, shippedOf("o1"))
		got := shipments(t, c.p, "o1")
		if len(got) != 1 || got[0].TrackingID != e.TrackingID || got[0].Address != home() || len(got[0].Items) != 2 {
			t.Fatalf("shipments %+v, want one to %+v tracked as %s", got, home(), e.TrackingID)
		}
		if n := rows(t, c.p, "o1:ship"); n != 1 {
			t.Errorf("%d shipments under key o1:ship, want 1", n)
		}
		if n := kept(t, c.p, true) + kept(t, c.p, false); n != 0 {
			t.Errorf("%d orders still kept after the shipment, want none", n)
		}

		testkit.Redeliver(t, c.p, purchase.PaymentCharged.Info().Name, "shipping")
		if got := shipments(t, c.p, "o1"); len(got) != 1 {
			t.Errorf("%d shipments after the charge came twice, want 1", len(got))
		}
		if got := testkit.Published(t, c.p, purchase.Shipped, shippedOf("o1")); len(got) != 1 {
			t.Errorf("Shipped %d times, want once", len(got))
		}
	})
}

func TestUndeliverableOrderFailsShipping(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be)
		c.place(t, "o1", shipping.UndeliverableZip)
		awaitKept(t, c.p, 1)
		c.charged(t, "o1")
		if e := c.failed.Await(t, of("o1")); !strings.Contains(e.Reason, shipping.UndeliverableZip) {
			t.Errorf("ShippingFailed reason %q, want it to name zip code %s", e.Reason, shipping.UndeliverableZip)
		}
		if got := shipments(t, c.p, "o1"); len(got) != 0 {
			t.Errorf("shipments %+v, want none", got)
		}
		if n := kept(t, c.p, true) + kept(t, c.p, false); n != 0 {
			t.Errorf("%d orders still kept after the failure, want none", n)
		}
	})
}

// The charge and the placement come on different queues: a charge that
// overtakes its placement is retried until shipping knows the order.
// TestChargeBeforePlacementWaitsForIt: a charge that overtakes its
// placement (they come on separate queues) is handled at once, not
// retried, and the placement, when it comes, ships the order.
func TestChargeBeforePlacementWaitsForIt(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be)
		publishSettled(t, c.p, purchase.PaymentCharged, purchase.PaymentChargedEvent{OrderID: "o1", TransactionID: "TX", At: time.Now()})
		if got := testkit.Published(t, c.p, purchase.Shipped, shippedOf("o1")); len(got) != 0 {
			t.Fatalf("shipped before the placement: %+v", got)
		}
		c.place(t, "o1", "94043")
		c.shipped.Await(t, shippedOf("o1"))
		if got := shipments(t, c.p, "o1"); len(got) != 1 || got[0].Address != home() {
			t.Errorf("shipments %+v, want one to %+v", got, home())
		}
	})
}

// publishSettled publishes e on topic and waits until shipping handled it.
func publishSettled[E any](t *testing.T, p *testkit.Process, topic bus.TopicOf[E], e E) {
	t.Helper()
	handled := func() int64 { h := p.Outbox.HandledByQueue()["shipping"]; return h.Local + h.Asynq }
	want := handled() + 1
	testkit.Publish(t, p, topic, e)
	testkit.Eventually(t, 10*time.Second, func() bool { return handled() >= want },
		func() string { return fmt.Sprintf("shipping handled %d deliveries, want %d", handled(), want) })
}

func TestFailedCheckoutForgetsTheAddress(t *testing.T) {
	for _, topic := range []bus.TopicOf[purchase.StepEvent]{purchase.StockUnavailable, purchase.PaymentFailed} {
		t.Run(topic.Info().Name, func(t *testing.T) {
			testkit.Each(t, func(t *testing.T, be testkit.Backend) {
				c := startCheckout(t, be)
				c.place(t, "placed-first", "94043")
				awaitKept(t, c.p, 1)
				publishSettled(t, c.p, topic, purchase.StepEvent{OrderID: "placed-first", Reason: "out of stock", At: time.Now()})
				publishSettled(t, c.p, topic, purchase.StepEvent{OrderID: "failed-first", Reason: "out of stock", At: time.Now()})
				a := purchase.Address(home())
				publishSettled(t, c.p, purchase.OrderPlaced, purchase.OrderPlacedEvent{OrderID: "failed-first", Address: a, At: time.Now()})
				if n, closed := kept(t, c.p, true), kept(t, c.p, false); n != 0 || closed != 2 {
					t.Errorf("%d orders kept with an address and %d closed, want none and 2", n, closed)
				}
			})
		})
	}
}
