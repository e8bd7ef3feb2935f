package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// CloseOrder forgets the address and items of a choreographed order whose
// checkout failed before its payment was charged (stock unavailable,
// payment failed): it will not ship. The order stays recorded as closed,
// so that its placement, if it comes later, keeps nothing.
func (s *Service) CloseOrder(_ context.Context, tx bus.Tx, e purchase.StepEvent) error {
	if err := s.orders.Close(db.Gorm(tx), e.OrderID); err != nil {
		return fmt.Errorf("close order %s: %w", e.OrderID, err)
	}
	return nil
}
