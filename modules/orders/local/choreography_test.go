package local_test

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// secretCVV appears nowhere else in the tests' data.
const secretCVV = 918

// TestChoreographedCheckoutHoldsTheCardAndAnnouncesTheOrder: the card goes
// to payment.HoldCard with the order's total, the PENDING order is
// announced with its lines on purchase.order_placed.v1, no saga starts and
// no table holds the card.
func TestChoreographedCheckoutHoldsTheCardAndAnnouncesTheOrder(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := startIn(t, be, orders.ModeChoreography)
		ada := customer(t, "ada")
		id := s.checkout(t, form("USD", func(_, _, c map[string]any) { c["cvv"] = secretCVV }), ada...).OrderID
		placedEvent := s.placed(t, id)

		total := usd(57, 470_000_000) // 2 × 19.99 + 8.50 + shipping 8.99
		card := payment.CreditCard{Number: "4111111111111111", CVV: secretCVV, ExpirationYear: 2039, ExpirationMonth: 12}
		expectCalls(t, requests(s.stubs, payment.HoldCard), payment.HoldCardRequest{Reference: id, Amount: total, Card: card})
		placedEvent.At = time.Time{}
		want := purchase.OrderPlacedEvent{
			OrderID: id, UserID: "ada", Email: "ada@example.com", Currency: "USD", Shipping: usd(8, 990_000_000), Total: total,
			Lines: []purchase.Line{
				{ProductID: sunglasses, Name: "The " + sunglasses, Quantity: 2, UnitPrice: usd(19, 990_000_000), Total: usd(39, 980_000_000)},
				{ProductID: mug, Name: "The " + mug, Quantity: 1, UnitPrice: usd(8, 500_000_000), Total: usd(8, 500_000_000)},
			},
			Address: purchase.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"},
		}
		if !reflect.DeepEqual(placedEvent, want) {
			t.Errorf("purchase.OrderPlaced\n\t%+v\nwant\n\t%+v", placedEvent, want)
		}
		if r := s.row(t, id); r.Status != orders.StatusPending || r.CheckoutMode != orders.ModeChoreography {
			t.Errorf("orders_orders row %+v, want PENDING in choreography", r)
		}
		if n := s.checkouts(t); n != 0 {
			t.Errorf("%d checkout sagas, want none", n)
		}
		s.expectNoCalls(t, inventory.Reserve.Info().Name, payment.Charge.Info().Name)
		s.expectNoSecret(t, card.Number, fmt.Sprintf(`"cvv":%d`, secretCVV))
	})
}

// TestCardsHeldForOrdersNeverPlacedAreReleased: checkouts racing with one
// Idempotency-Key each hold the card under an order id of their own before
// one wins the insert; every other hold is released at once, so that no
// card is left with payment for an order that does not exist.
func TestCardsHeldForOrdersNeverPlacedAreReleased(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := startIn(t, be, orders.ModeChoreography)
		ada := append(customer(t, "ada"), "Idempotency-Key", "race-"+be.Name)
		ids := make([]string, racingHolds)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Go(func() {
				ids[i] = s.checkout(t, form("USD", func(_, _, c map[string]any) { c["number"] = racingCard }), ada...).OrderID
			})
		}
		wg.Wait()
		placed := ids[0]
		if slices.ContainsFunc(ids, func(id string) bool { return id != placed }) {
			t.Fatalf("one key placed orders %q", ids)
		}
		if held := s.stubs.holds(); !slices.Equal(held, []string{placed}) || len(requests(s.stubs, payment.HoldCard)) != racingHolds {
			t.Errorf("after %d holds payment holds cards for %q, want order %s's alone", len(requests(s.stubs, payment.HoldCard)), held, placed)
		}
	})
}

// TestChoreographedCheckoutRefusesWhatPaymentRefuses: payment's verdict on
// the card is the checkout's answer — a 400 naming the form's field, or
// payment's unavailability — and no order is placed.
func TestChoreographedCheckoutRefusesWhatPaymentRefuses(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := startIn(t, be, orders.ModeChoreography)
		for _, tc := range []struct {
			name, card  string
			status      int
			code, field string
		}{
			{"a card failing the Luhn check", unluhnyCard, http.StatusBadRequest, "invalid", "credit_card.number"},
			{"payment unreachable", unreachableCard, http.StatusServiceUnavailable, "unavailable", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := s.Do(t, http.MethodPost, "/api/checkout", form("USD", func(_, _, c map[string]any) { c["number"] = tc.card }), customer(t, "ada")...)
				if e := res.Err(t).Error; res.Status != tc.status || e.Code != tc.code || e.Field != tc.field {
					t.Errorf("%d %s, want %d %s naming %q", res.Status, res.Body, tc.status, tc.code, tc.field)
				}
			})
		}
		if n := s.count(t, "orders_orders"); n != 0 {
			t.Errorf("%d orders, want none", n)
		}
		if n := len(events(s.stubs, purchase.OrderPlaced)); n != 0 {
			t.Errorf("%d orders announced, want none", n)
		}
	})
}

// TestChoreographedCheckoutCompletes: orders completes the order once the
// stock is committed, with the tracking and transaction ids of the events
// before — in whatever order they arrive — announces it on both topics,
// and records every step, shown in the saga's order; an event delivered again, a step told twice or
// a late release changes neither the status nor the ids.
func TestChoreographedCheckoutCompletes(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := startIn(t, be, orders.ModeChoreography)
		ada := customer(t, "ada")
		id := s.checkout(t, form("USD", nil), ada...).OrderID
		s.placed(t, id)
		at := clock()
		reserved, charged := step(id, at(1)), purchase.PaymentChargedEvent{OrderID: id, TransactionID: "TX-" + id, At: at(2)}
		shipped, committed := purchase.ShippedEvent{OrderID: id, TrackingID: "TRACK-" + id, At: at(3)}, step(id, at(4))
		testkit.Publish(t, s.Process, purchase.StockReserved, reserved)
		testkit.Publish(t, s.Process, purchase.PaymentCharged, charged)
		testkit.Publish(t, s.Process, purchase.StockCommitted, committed) // before the shipment's event: arrivals may be out of order
		o := s.await(t, id, ada, "reserve, charge and commit recorded", func(o orders.Order) bool { return len(o.Steps) == 3 })
		if o.Status != orders.StatusPending {
			t.Fatalf("order %s before the shipment's event, want PENDING", o.Status)
		}
		testkit.Publish(t, s.Process, purchase.Shipped, shipped)
		o = s.await(t, id, ada, "COMPLETED", func(o orders.Order) bool { return o.Status == orders.StatusCompleted })
		if o.TrackingID != "TRACK-"+id || o.TransactionID != "TX-"+id {
			t.Errorf("order tracking %q, transaction %q", o.TrackingID, o.TransactionID)
		}
		testkit.Publish(t, s.Process, purchase.ConfirmationSent, step(id, at(5))) // the mail and the cart are done at once
		testkit.Publish(t, s.Process, purchase.CartEmptied, step(id, at(6)))
		o = s.await(t, id, ada, "six steps", func(o orders.Order) bool { return len(o.Steps) == 6 })
		want := []string{
			"reserve forward succeeded inventory", "charge forward succeeded payment", "ship forward succeeded shipping",
			"commit forward succeeded inventory", "empty_cart forward succeeded cart", "confirm forward succeeded notification",
		}
		if got := shape(o.Steps); !reflect.DeepEqual(got, want) {
			t.Errorf("timeline %q, want the saga's order %q", got, want)
		}

		testkit.Publish(t, s.Process, purchase.StockCommitted, step(id, at(7)))
		testkit.Publish(t, s.Process, purchase.Shipped, purchase.ShippedEvent{OrderID: id, TrackingID: "TRACK-again", At: at(8)})
		testkit.Publish(t, s.Process, purchase.StockReleased, purchase.StepEvent{OrderID: id, Reason: "late", At: at(9)})
		testkit.Redeliver(t, s.Process, purchase.StockCommitted.Info().Name, "orders")
		testkit.Redeliver(t, s.Process, purchase.PaymentCharged.Info().Name, "orders")
		s.drained(t)
		again := s.await(t, id, ada, "the order", func(orders.Order) bool { return true })
		if again.Status != orders.StatusCompleted || again.TrackingID != "TRACK-"+id || len(again.Steps) != 7 {
			t.Errorf("after late events: %s, tracking %q, %d steps; want COMPLETED, TRACK-%s and the release recorded", again.Status, again.TrackingID, len(again.Steps), id)
		}

		total := usd(57, 470_000_000)
		s.eventually(t, "both completion events", func() bool {
			return len(events(s.stubs, orders.OrderCompleted)) > 0 && len(events(s.stubs, purchase.OrderCompleted)) > 0
		})
		if e := events(s.stubs, orders.OrderCompleted); len(e) != 1 || e[0].OrderID != id || e[0].UserID != "ada" || e[0].Total != total {
			t.Errorf("orders.OrderCompleted %+v, want one for %s of ada, %v", e, id, total)
		}
		e := events(s.stubs, purchase.OrderCompleted)
		if len(e) != 1 || e[0].OrderID != id || e[0].UserID != "ada" || e[0].Email != "ada@example.com" || e[0].TrackingID != "TRACK-"+id ||
			e[0].Total != total || e[0].Shipping != usd(8, 990_000_000) || len(e[0].Lines) != 2 {
			t.Errorf("purchase.OrderCompleted %+v, want one with the order's lines and tracking id", e)
		}
		if n := s.count(t, "orders_steps"); n != 7 {
			t.Errorf("%d orders_steps rows, want 7", n)
		}
		s.expectNoCalls(t, cancelled, notification.SendCancellation.Info().Name)
	})
}

// TestChoreographedCheckoutsAreCancelled: a failure, once undone, cancels
// the order with the failed step and its reason — in whatever order the
// events arrive — and announces and mails the cancellation once, however
// often the events come.
func TestChoreographedCheckoutsAreCancelled(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tell   func(t *testing.T, s *shop, id string, at func(int) time.Time)
		reason string
	}{
		{"out of stock", func(t *testing.T, s *shop, id string, at func(int) time.Time) {
			testkit.Publish(t, s.Process, purchase.StockUnavailable, purchase.StepEvent{OrderID: id, Reason: "out of stock: no more", At: at(1)})
		}, "reserve failed: out of stock: no more"},
		{"declined card, released before the failure arrives", func(t *testing.T, s *shop, id string, at func(int) time.Time) {
			testkit.Publish(t, s.Process, purchase.StockReserved, step(id, at(1)))
			testkit.Publish(t, s.Process, purchase.StockReleased, purchase.StepEvent{OrderID: id, Reason: "card declined", At: at(3)})
			s.await(t, id, customer(t, "ada"), "the release recorded", func(o orders.Order) bool { return len(o.Steps) >= 2 })
			testkit.Publish(t, s.Process, purchase.PaymentFailed, purchase.StepEvent{OrderID: id, Reason: "card declined", At: at(2)})
		}, "charge failed: card declined"},
		{"undeliverable address", func(t *testing.T, s *shop, id string, at func(int) time.Time) {
			testkit.Publish(t, s.Process, purchase.StockReserved, step(id, at(1)))
			testkit.Publish(t, s.Process, purchase.PaymentCharged, purchase.PaymentChargedEvent{OrderID: id, TransactionID: "TX-" + id, At: at(2)})
			testkit.Publish(t, s.Process, purchase.ShippingFailed, purchase.StepEvent{OrderID: id, Reason: "address is undeliverable", At: at(3)})
			testkit.Publish(t, s.Process, purchase.PaymentRefunded, purchase.StepEvent{OrderID: id, Reason: "address is undeliverable", At: at(4)})
			testkit.Publish(t, s.Process, purchase.StockReleased, purchase.StepEvent{OrderID: id, Reason: "address is undeliverable", At: at(5)})
		}, "ship failed: address is undeliverable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testkit.Each(t, func(t *testing.T, be testkit.Backend) {
				s := startIn(t, be, orders.ModeChoreography)
				ada := customer(t, "ada")
				id := s.checkout(t, form("USD", nil), ada...).OrderID
				s.placed(t, id)
				at := clock()
				tc.tell(t, s, id, at)
				o := s.await(t, id, ada, "CANCELLED", func(o orders.Order) bool { return o.Status == orders.StatusCancelled })
				if r := s.row(t, id); o.CancellationReason != tc.reason || r.Reason != tc.reason || r.TransactionID != "" || r.TrackingID != "" {
					t.Errorf("order cancelled (%q), row %+v; want the reason %q and no transaction", o.CancellationReason, r, tc.reason)
				}
				s.expectAnnounced(t, orders.OrderCancelledEvent{OrderID: id, UserID: "ada", Email: "ada@example.com", Reason: tc.reason})

				tc.tell(t, s, id, at)
				testkit.Publish(t, s.Process, purchase.StockCommitted, step(id, at(9)))
				s.drained(t)
				if again := s.row(t, id); again.Status != orders.StatusCancelled || again.Reason != tc.reason {
					t.Errorf("after the events again: %+v, want CANCELLED for %q", again, tc.reason)
				}
				if n := s.stubs.count(cancelled); n != 1 {
					t.Errorf("%d cancellation events, want 1", n)
				}
				if n := len(events(s.stubs, orders.OrderCompleted)); n != 0 {
					t.Errorf("%d completion events, want none", n)
				}
			})
		})
	}
}

// step is a participant's outcome for the order id, at.
func step(id string, at time.Time) purchase.StepEvent {
	return purchase.StepEvent{OrderID: id, At: at}
}

// clock gives the times of a test's events: at(n) is n milliseconds after
// the clock was made.
func clock() func(int) time.Time {
	start := db.Now()
	return func(n int) time.Time { return start.Add(time.Duration(n) * time.Millisecond) }
}

// placed waits for the announcement of the order id and returns it.
func (s *shop) placed(t *testing.T, id string) purchase.OrderPlacedEvent {
	t.Helper()
	var found *purchase.OrderPlacedEvent
	s.eventually(t, "purchase.OrderPlaced of "+id, func() bool {
		for _, e := range events(s.stubs, purchase.OrderPlaced) {
			if e.OrderID == id {
				found = &e
			}
		}
		return found != nil
	})
	return *found
}

// await reads the order as its owner (headers) until cond holds.
func (s *shop) await(t *testing.T, id string, headers []string, what string, cond func(orders.Order) bool) orders.Order {
	t.Helper()
	var o orders.Order
	s.eventually(t, what, func() bool {
		res := s.Do(t, http.MethodGet, "/api/orders/"+id, nil, headers...)
		res.Decode(t, &o)
		return res.Status == http.StatusOK && cond(o)
	})
	return o
}

func (s *shop) eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	testkit.Eventually(t, 15*time.Second, cond, func() string { return "waiting for " + what })
}

// drained waits until the outbox has dispatched every message and every
// delivery of the latest hundred has been handled.
func (s *shop) drained(t *testing.T) {
	t.Helper()
	s.eventually(t, "the outbox to drain", func() bool {
		backlog, err := s.Outbox.Backlog(ctx)
		if err != nil || backlog.Count > 0 {
			return false
		}
		recent, err := s.Outbox.Recent(ctx, 100)
		if err != nil {
			return false
		}
		for _, m := range recent {
			for _, d := range m.Deliveries {
				if d.State() != "completed" {
					return false
				}
			}
		}
		return true
	})
}

// expectNoSecret fails t if any cell of any table holds one of secrets.
func (s *shop) expectNoSecret(t *testing.T, secrets ...string) {
	t.Helper()
	tables, err := s.DB.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		var rows []map[string]any
		if err := s.DB.Table(table).Find(&rows).Error; err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		for _, row := range rows {
			for column, value := range row {
				cell := fmt.Sprint(value)
				if b, ok := value.([]byte); ok {
					cell = string(b)
				}
				for _, secret := range secrets {
					if strings.Contains(cell, secret) {
						t.Errorf("%s.%s holds %s", table, column, secret)
					}
				}
			}
		}
	}
}
