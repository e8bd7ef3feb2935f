package local_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
)

// TestFailedCheckoutsAreCancelled: a declined card or an undeliverable
// address cancels the order with the reason; the steps done are undone, in
// reverse, with their keys (a declined charge has nothing to refund), and
// the cancellation is announced and mailed.
func TestFailedCheckoutsAreCancelled(t *testing.T) {
	for _, tc := range []struct {
		name   string
		edit   func(body, addr, card map[string]any)
		reason string
		// refunded: the charge went through before the failure.
		refunded bool
	}{
		{"declined card", func(_, _, c map[string]any) { c["number"] = payment.DeclinedCard }, "charge failed: card declined", false},
		{"undeliverable address", func(_, a, _ map[string]any) { a["zip_code"] = shipping.UndeliverableZip }, "ship failed: address is undeliverable", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testkit.Each(t, func(t *testing.T, be testkit.Backend) {
				s := start(t, be)
				ada := customer(t, "ada")
				id := s.checkout(t, form("USD", tc.edit), ada...).OrderID
				info, o := s.finished(t, id, ada...)
				if info.Status != saga.StatusCancelled || !strings.HasPrefix(info.Reason, tc.reason) {
					t.Errorf("saga %s: %q, want CANCELLED: %s", info.Status, info.Reason, tc.reason)
				}
				if r := s.row(t, id); o.Status != orders.StatusCancelled || r.Status != orders.StatusCancelled || r.Reason != info.Reason || o.CancellationReason != info.Reason {
					t.Errorf("order %s (%q), row %+v; want CANCELLED with the saga's reason", o.Status, o.CancellationReason, r)
				}
				expectCalls(t, requests(s.stubs, inventory.Release), inventory.KeyRequest{Key: id + ":reserve"})
				if tc.refunded {
					expectCalls(t, requests(s.stubs, payment.Refund), payment.RefundRequest{ChargeKey: id + ":charge"})
				} else {
					s.expectNoCalls(t, payment.Refund.Info().Name)
				}
				s.expectNoCalls(t, shipping.Cancel.Info().Name, inventory.Commit.Info().Name, cart.EmptyCart.Info().Name,
					notification.SendConfirmation.Info().Name)
				s.expectAnnounced(t, orders.OrderCancelledEvent{OrderID: id, UserID: "ada", Email: "ada@example.com", Reason: info.Reason})
			})
		})
	}
}

// expectAnnounced waits for the cancellation event and its mail.
func (s *shop) expectAnnounced(t *testing.T, want orders.OrderCancelledEvent) {
	t.Helper()
	testkit.Eventually(t, 10*time.Second, func() bool {
		return s.stubs.count(cancelled) > 0 && s.stubs.count(notification.SendCancellation.Info().Name) > 0
	}, func() string { return "no cancellation event or mail" })
	s.stubs.mu.Lock()
	e := s.stubs.calls[cancelled][0].(orders.OrderCancelledEvent)
	s.stubs.mu.Unlock()
	if e.OrderID != want.OrderID || e.UserID != want.UserID || e.Email != want.Email || e.Reason != want.Reason || e.CancelledAt.IsZero() {
		t.Errorf("event %+v, want %+v", e, want)
	}
	mail := notification.CancellationRequest{OrderID: want.OrderID, Email: want.Email, Reason: want.Reason}
	for _, got := range requests(s.stubs, notification.SendCancellation) { // at least once: the mail itself is once per order
		if got != mail {
			t.Errorf("cancellation mail %+v, want %+v", got, mail)
		}
	}
}
