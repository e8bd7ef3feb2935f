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
// checkout fails (CloseOrder).
func (s *Service) KeepOrder(_ context.Context, tx bus.Tx, e purchase.OrderPlacedEvent) error {
	o := store.Order{OrderID: e.OrderID, Address: shipping.Address(e.Address), Items: make([]shipping.Item, len(e.Lines))}
	for i, l := range e.Lines {
		o.Items[i] = shipping.Item{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	if err := s.orders.Keep(db.Gorm(tx), o); err != nil {
		return fmt.Errorf("keep order %s: %w", e.OrderID, err)
	}
	return nil
}
