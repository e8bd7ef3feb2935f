package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// ShipOrder is shipping's step of a choreographed checkout, once the
// order's payment is charged: it ships the kept order with the key
// "<order id>:ship", as the orchestrated checkout does, forgets the kept
// order, and announces Shipped, or ShippingFailed with the reason when the
// shipment is refused (an address it does not deliver to). tx is the
// subscription's transaction; the shipment is tried in a savepoint of it,
// so that a refusal keeps the event and the inbox record. An order whose
// placement has not reached shipping yet (it comes on another queue) is an
// Unavailable error, for the event to come again.
func (s *Service) ShipOrder(ctx context.Context, tx bus.Tx, e purchase.PaymentChargedEvent) error {
	g := db.Gorm(tx)
	o, kept, err := s.orders.Get(g, e.OrderID)
	switch {
	case err != nil:
		return fmt.Errorf("read kept order %s: %w", e.OrderID, err)
	case !kept:
		return shared.Errorf(shared.CodeUnavailable, "order %s was charged before shipping learned of its placement", e.OrderID)
	case o.Closed:
		return fmt.Errorf("order %s was charged after its checkout failed", e.OrderID)
	}
	var reply shipping.ShipReply
	refused := g.Transaction(func(sp *gorm.DB) error {
		reply, err = s.ship(ctx, sp, shipping.ShipRequest{Key: e.OrderID + ":ship", Reference: e.OrderID, Address: o.Address, Items: o.Items})
		return err
	})
	if shared.Retryable(refused) {
		return fmt.Errorf("ship order %s: %w", e.OrderID, refused)
	}
	if err := s.orders.Delete(g, e.OrderID); err != nil {
		return fmt.Errorf("forget order %s: %w", e.OrderID, err)
	}
	if refused != nil {
		return purchase.ShippingFailed.Publish(ctx, g, purchase.StepEvent{OrderID: e.OrderID, Reason: shared.AsError(refused).Explained(), At: db.Now()})
	}
	return purchase.Shipped.Publish(ctx, g, purchase.ShippedEvent{OrderID: e.OrderID, TrackingID: reply.TrackingID, At: db.Now()})
}
