package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// ReleaseOrder gives back the stock of a choreographed order whose payment
// failed or was refunded, and announces StockReleased with the reason it
// was given. A release that comes before the order's reservation leaves a
// tombstone, so the late reservation takes nothing (see Release).
func (s *Service) ReleaseOrder(ctx context.Context, tx bus.Tx, e purchase.StepEvent) error {
	g := db.Gorm(tx)
	if _, err := s.release(ctx, g, orderKey(e.OrderID)); err != nil {
		return fmt.Errorf("release stock of order %s: %w", e.OrderID, err)
	}
	return purchase.StockReleased.Publish(ctx, g, purchase.StepEvent{OrderID: e.OrderID, Reason: e.Reason, At: db.Now()})
}
