package local_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/testkit"
)

// TestTimelineHasOneShapeInBothModes: whichever mode checks an order out,
// GET /api/orders/{id} shows the same steps, phases, outcomes and modules,
// and the same cancellation reason; each step names what told of it (the
// endpoint the saga called, or the event the participant published) and
// its trace. In choreography the test publishes what each participant
// would.
func TestTimelineHasOneShapeInBothModes(t *testing.T) {
	const outOfStock = `out of stock: product "SUNGLASSES" has 10 on hand, 99 wanted`
	for _, mode := range []string{orders.ModeOrchestration, orders.ModeChoreography} {
		t.Run(mode, func(t *testing.T) {
			testkit.Each(t, func(t *testing.T, be testkit.Backend) {
				s := startIn(t, be, mode)
				for _, tc := range []struct {
					name, who string
					edit      func(body, addr, card map[string]any)
					// tell publishes what the participants would.
					tell   func(t *testing.T, s *shop, id string, at func(int) time.Time)
					status string
					reason string
					want   []string
				}{
					{"completed", "ada", nil, func(t *testing.T, s *shop, id string, at func(int) time.Time) {
						testkit.Publish(t, s.Process, purchase.StockReserved, step(id, at(1)))
						testkit.Publish(t, s.Process, purchase.PaymentCharged, purchase.PaymentChargedEvent{OrderID: id, TransactionID: "TX-" + id, At: at(2)})
						testkit.Publish(t, s.Process, purchase.Shipped, purchase.ShippedEvent{OrderID: id, TrackingID: "TRACK-" + id, At: at(3)})
						testkit.Publish(t, s.Process, purchase.StockCommitted, step(id, at(4)))
						testkit.Publish(t, s.Process, purchase.CartEmptied, step(id, at(5)))
						testkit.Publish(t, s.Process, purchase.ConfirmationSent, step(id, at(6)))
					}, orders.StatusCompleted, "", []string{
						"reserve forward succeeded inventory", "charge forward succeeded payment", "ship forward succeeded shipping",
						"commit forward succeeded inventory", "empty_cart forward succeeded cart", "confirm forward succeeded notification",
					}},
					{"out of stock", greedyUser, nil, func(t *testing.T, s *shop, id string, at func(int) time.Time) {
						testkit.Publish(t, s.Process, purchase.StockUnavailable, purchase.StepEvent{OrderID: id, Reason: outOfStock, At: at(1)})
					}, orders.StatusCancelled, "reserve failed: " + outOfStock, []string{"reserve forward failed inventory"}},
					{"declined card", "ada", func(_, _, c map[string]any) { c["number"] = payment.DeclinedCard }, func(t *testing.T, s *shop, id string, at func(int) time.Time) {
						testkit.Publish(t, s.Process, purchase.StockReserved, step(id, at(1)))
						testkit.Publish(t, s.Process, purchase.PaymentFailed, purchase.StepEvent{OrderID: id, Reason: "card declined", At: at(2)})
						testkit.Publish(t, s.Process, purchase.StockReleased, purchase.StepEvent{OrderID: id, Reason: "card declined", At: at(3)})
					}, orders.StatusCancelled, "charge failed: card declined", []string{
						"reserve forward succeeded inventory", "charge forward failed payment", "reserve compensate compensated inventory",
					}},
					{"undeliverable address", "ada", func(_, a, _ map[string]any) { a["zip_code"] = shipping.UndeliverableZip }, func(t *testing.T, s *shop, id string, at func(int) time.Time) {
						const why = "address is undeliverable"
						testkit.Publish(t, s.Process, purchase.StockReserved, step(id, at(1)))
						testkit.Publish(t, s.Process, purchase.PaymentCharged, purchase.PaymentChargedEvent{OrderID: id, TransactionID: "TX-" + id, At: at(2)})
						testkit.Publish(t, s.Process, purchase.ShippingFailed, purchase.StepEvent{OrderID: id, Reason: why, At: at(3)})
						testkit.Publish(t, s.Process, purchase.PaymentRefunded, purchase.StepEvent{OrderID: id, Reason: why, At: at(4)})
						testkit.Publish(t, s.Process, purchase.StockReleased, purchase.StepEvent{OrderID: id, Reason: why, At: at(5)})
					}, orders.StatusCancelled, "ship failed: address is undeliverable", []string{
						"reserve forward succeeded inventory", "charge forward succeeded payment", "ship forward failed shipping",
						"charge compensate compensated payment", "reserve compensate compensated inventory",
					}},
				} {
					t.Run(tc.name, func(t *testing.T) {
						who := customer(t, tc.who)
						id := s.checkout(t, form("USD", tc.edit), who...).OrderID
						if mode == orders.ModeChoreography {
							s.placed(t, id)
							tc.tell(t, s, id, clock())
						}
						o := s.await(t, id, who, "the whole timeline", func(o orders.Order) bool {
							return o.Status != orders.StatusPending && len(o.Steps) >= len(tc.want)
						})
						if o.Status != tc.status || o.CancellationReason != tc.reason || o.CheckoutMode != mode {
							t.Errorf("order %s (%q) in %s, want %s (%q) in %s", o.Status, o.CancellationReason, o.CheckoutMode, tc.status, tc.reason, mode)
						}
						if got := shape(o.Steps); strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
							t.Errorf("timeline\n\t%s\nwant\n\t%s", strings.Join(got, ", "), strings.Join(tc.want, ", "))
						}
						for _, st := range o.Steps {
							told := st.Module + "." // an endpoint of the participant
							if mode == orders.ModeChoreography {
								told = "purchase."
							}
							if !strings.HasPrefix(st.Event, told) || st.TraceID == "" || st.FinishedAt.IsZero() {
								t.Errorf("step %+v: want it told by %s…, with its trace and time", st, told)
							}
						}
					})
				}
			})
		})
	}
}

// shape is each step's name, phase, outcome and module.
func shape(steps []orders.Step) []string {
	out := make([]string, len(steps))
	for i, st := range steps {
		out[i] = strings.Join([]string{st.Name, st.Phase, st.Status, st.Module}, " ")
	}
	return out
}
