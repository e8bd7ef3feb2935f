package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/store"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// KeepOrder keeps what shipping needs of a placed choreographed order —
// its address and items — until its payment is charged (ShipOrder) or its
// checkout fails (CloseOrder). An order charged before its placement came
// is shipped at once (shipKept); a closed one keeps nothing.
func (s *Service) KeepOrder(ctx context.Context, tx bus.Tx, e purchase.OrderPlacedEvent) error {
	o := store.Order{OrderID: e.OrderID, Address: shipping.Address(e.Address), Items: make([]shipping.Item, len(e.Lines))}
	for i, l := range e.Lines {
		o.Items[i] = shipping.Item{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	g := db.Gorm(tx)
	row, err := s.orders.Keep(g, o)
	if err != nil {
		return fmt.Errorf("keep order %s: %w", e.OrderID, err)
	}
	if row.Charged {
		return s.shipKept(ctx, g, o)
	}
	return nil
}
