package local_test

import (
	"strings"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/testkit"
)

// checkout is the inventory running with the outcomes of its step of the
// choreographed checkout collected.
type checkout struct {
	p                                     *testkit.Process
	reserved, unavailable, released, sold *testkit.Events[purchase.StepEvent]
}

func startCheckout(t *testing.T, be testkit.Backend, settings testkit.Settings) *checkout {
	t.Helper()
	c := &checkout{}
	var opts [4]fx.Option
	c.reserved, opts[0] = testkit.Collect(purchase.StockReserved)
	c.unavailable, opts[1] = testkit.Collect(purchase.StockUnavailable)
	c.released, opts[2] = testkit.Collect(purchase.StockReleased)
	c.sold, opts[3] = testkit.Collect(purchase.StockCommitted)
	c.p = start(t, be, settings, opts[:]...)
	return c
}

// place publishes the placing of order with lines (product, quantity…).
func (c *checkout) place(t *testing.T, order string, pairs ...any) {
	t.Helper()
	e := purchase.OrderPlacedEvent{OrderID: order, UserID: "ada", Currency: "USD", At: time.Now()}
	for _, l := range lines(pairs...) {
		e.Lines = append(e.Lines, purchase.Line{ProductID: l.ProductID, Quantity: l.Quantity})
	}
	testkit.Publish(t, c.p, purchase.OrderPlaced, e)
}

func of(order string) func(purchase.StepEvent) bool {
	return func(e purchase.StepEvent) bool { return e.OrderID == order }
}

// reservation is the stored reservation of order's key.
func (c *checkout) reservation(t *testing.T, order string) inventory.Reservation {
	t.Helper()
	var r inventory.Reservation
	if err := c.p.DB.Table("inventory_reservations").Where("key = ?", order+":reserve").Take(&r).Error; err != nil {
		t.Fatalf("reservation of %s: %v", order, err)
	}
	return r
}

func TestPlacedOrderReservesItsStockOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		setStock(t, c.p, "P", 10)
		c.place(t, "o1", "P", 3, "Q", 1)
		c.reserved.Await(t, of("o1"))
		expectStock(t, c.p, map[string]level{"P": {7, 3, 0}, "Q": {999, 1, 0}})

		testkit.Redeliver(t, c.p, purchase.OrderPlaced.Info().Name, "inventory")
		expectStock(t, c.p, map[string]level{"P": {7, 3, 0}, "Q": {999, 1, 0}})
		if n := len(testkit.Published(t, c.p, purchase.StockReserved, of("o1"))); n != 1 {
			t.Errorf("%d StockReserved for one order placed twice, want 1", n)
		}
	})
}

func TestOrderOutOfStockTakesNothing(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		setStock(t, c.p, "A", 10)
		setStock(t, c.p, "B", 2)
		c.place(t, "o1", "A", 1, "B", 3)
		e := c.unavailable.Await(t, of("o1"))
		if !strings.Contains(e.Reason, `"B"`) {
			t.Errorf("reason %q does not name product B", e.Reason)
		}
		expectStock(t, c.p, map[string]level{"A": {10, 0, 0}, "B": {2, 0, 0}})
		if n := countRows(t, c.p, "inventory_reservations"); n != 0 {
			t.Errorf("%d reservations stored, want none", n)
		}
		if got := testkit.Published(t, c.p, purchase.StockReserved, of("o1")); len(got) != 0 {
			t.Errorf("StockReserved published too: %v", got)
		}
	})
}

func TestFailedPaymentReleasesTheStock(t *testing.T) {
	cases := []struct {
		name  string
		topic func(*testing.T, *testkit.Process, purchase.StepEvent)
	}{
		{"payment failed", func(t *testing.T, p *testkit.Process, e purchase.StepEvent) {
			testkit.Publish(t, p, purchase.PaymentFailed, e)
		}},
		{"payment refunded", func(t *testing.T, p *testkit.Process, e purchase.StepEvent) {
			testkit.Publish(t, p, purchase.PaymentRefunded, e)
		}},
	}
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		setStock(t, c.p, "P", 10)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				order := strings.ReplaceAll(tc.name, " ", "-")
				c.place(t, order, "P", 4)
				c.reserved.Await(t, of(order))
				expectStock(t, c.p, map[string]level{"P": {6, 4, 0}})
				tc.topic(t, c.p, purchase.StepEvent{OrderID: order, Reason: "card declined", At: time.Now()})
				if e := c.released.Await(t, of(order)); e.Reason != "card declined" {
					t.Errorf("StockReleased reason %q, want the payment's", e.Reason)
				}
				expectStock(t, c.p, map[string]level{"P": {10, 0, 0}})
				if r := c.reservation(t, order); r.Status != inventory.StatusReleased {
					t.Errorf("reservation %s, want RELEASED", r.Status)
				}
			})
		}
	})
}

func TestReleaseBeforeTheOrderLeavesATombstone(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		setStock(t, c.p, "P", 10)
		testkit.Publish(t, c.p, purchase.PaymentFailed, purchase.StepEvent{OrderID: "late", Reason: "no card held", At: time.Now()})
		c.released.Await(t, of("late"))
		c.place(t, "late", "P", 4)
		e := c.unavailable.Await(t, of("late"))
		if !strings.Contains(e.Reason, "released before it was reserved") {
			t.Errorf("reason %q, want the tombstone's", e.Reason)
		}
		expectStock(t, c.p, map[string]level{"P": {10, 0, 0}})
	})
}

func TestShippedOrderSellsItsStock(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		setStock(t, c.p, "P", 10)
		c.place(t, "o1", "P", 3)
		c.reserved.Await(t, of("o1"))
		testkit.Publish(t, c.p, purchase.Shipped, purchase.ShippedEvent{OrderID: "o1", TrackingID: "TRACK", At: time.Now()})
		c.sold.Await(t, of("o1"))
		expectStock(t, c.p, map[string]level{"P": {7, 0, 3}})
		testkit.Redeliver(t, c.p, purchase.Shipped.Info().Name, "inventory")
		expectStock(t, c.p, map[string]level{"P": {7, 0, 3}})
		if n := len(testkit.Published(t, c.p, purchase.StockCommitted, of("o1"))); n != 1 {
			t.Errorf("%d StockCommitted for one shipment delivered twice, want 1", n)
		}
	})
}

// A choreographed order's stock stays held past the reservation TTL: only
// its events end the reservation, so that stock is still there to sell
// when the order ships, however long payment and shipping take.
func TestOrderReservationOutlivesTheTTL(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, fastExpiry)
		setStock(t, c.p, "P", 10)
		c.place(t, "slow", "P", 3)
		c.reserved.Await(t, of("slow"))
		if _, err := inventory.Reserve.Call(ctx, c.p.Bus, inventory.ReserveRequest{Key: "orchestrated", Lines: lines("P", 2)}); err != nil {
			t.Fatal(err)
		}
		awaitStock(t, c.p, "P", level{7, 3, 0}) // the orchestrated reservation expired, the order's did not
		testkit.Publish(t, c.p, purchase.Shipped, purchase.ShippedEvent{OrderID: "slow", TrackingID: "TRACK", At: time.Now()})
		c.sold.Await(t, of("slow"))
		expectStock(t, c.p, map[string]level{"P": {7, 0, 3}})
	})
}
