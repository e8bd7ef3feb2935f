package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/store"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// ShipOrder is shipping's step of a choreographed checkout, once the
// order's payment is charged: it ships the kept order (shipKept). An order
// whose placement has not reached shipping yet (it comes on another queue)
// is recorded as charged, for the placement to ship it (KeepOrder).
func (s *Service) ShipOrder(ctx context.Context, tx bus.Tx, e purchase.PaymentChargedEvent) error {
	g := db.Gorm(tx)
	o, err := s.orders.MarkCharged(g, e.OrderID)
	switch {
	case err != nil:
		return fmt.Errorf("read kept order %s: %w", e.OrderID, err)
	case o.Closed:
		return fmt.Errorf("order %s was charged after its checkout failed", e.OrderID)
	case o.Charged:
		return nil
	}
	return s.shipKept(ctx, g, o)
}

// shipKept ships the order o with the key "<order id>:ship", as the
// orchestrated checkout does, forgets it, and announces Shipped, or
// ShippingFailed with the reason when the shipment is refused (an address
// it does not deliver to). g is the subscription's transaction; the
// shipment is tried in a savepoint of it, so that a refusal keeps the
// event and the inbox record.
func (s *Service) shipKept(ctx context.Context, g *gorm.DB, o store.Order) error {
	var reply shipping.ShipReply
	refused, err := db.Attempt(g, func(sp *gorm.DB) error {
		var err error
		reply, err = s.ship(ctx, sp, shipping.ShipRequest{Key: o.OrderID + ":ship", Reference: o.OrderID, Address: o.Address, Items: o.Items})
		return err
	})
	if err != nil {
		return fmt.Errorf("ship order %s: %w", o.OrderID, err)
	}
	if err := s.orders.Delete(g, o.OrderID); err != nil {
		return fmt.Errorf("forget order %s: %w", o.OrderID, err)
	}
	if refused != nil {
		return purchase.ShippingFailed.Publish(ctx, g, purchase.StepEvent{OrderID: o.OrderID, Reason: shared.AsError(refused).Explained(), At: db.Now()})
	}
	return purchase.Shipped.Publish(ctx, g, purchase.ShippedEvent{OrderID: o.OrderID, TrackingID: reply.TrackingID, At: db.Now()})
}
