package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// CommitOrder sells the reserved stock of a choreographed order once it
// shipped, and announces StockCommitted: the checkout's point of no
// return.
func (s *Service) CommitOrder(ctx context.Context, tx bus.Tx, e purchase.ShippedEvent) error {
	g := db.Gorm(tx)
	if _, err := s.commit(ctx, g, orderKey(e.OrderID)); err != nil {
		return fmt.Errorf("commit stock of order %s: %w", e.OrderID, err)
	}
	return purchase.StockCommitted.Publish(ctx, g, purchase.StepEvent{OrderID: e.OrderID, At: db.Now()})
}
