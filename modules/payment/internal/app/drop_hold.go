package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// DropHold deletes the card held for a choreographed order whose stock
// could not be reserved: nothing will be charged.
func (s *Service) DropHold(_ context.Context, tx bus.Tx, e purchase.StepEvent) error {
	if _, _, err := s.holds.Take(db.Gorm(tx), e.OrderID); err != nil {
		return fmt.Errorf("drop the card held for order %s: %w", e.OrderID, err)
	}
	return nil
}
