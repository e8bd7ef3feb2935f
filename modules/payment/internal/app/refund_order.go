package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// RefundOrder refunds the charge of a choreographed order that could not
// ship, and announces PaymentRefunded with the shipping failure's reason. A
// refund that comes before the charge voids the key, so the late charge
// takes nothing (see Refund).
func (s *Service) RefundOrder(ctx context.Context, tx bus.Tx, e purchase.StepEvent) error {
	g := db.Gorm(tx)
	if _, err := s.refund(ctx, g, payment.RefundRequest{ChargeKey: chargeKey(e.OrderID)}); err != nil {
		return fmt.Errorf("refund order %s: %w", e.OrderID, err)
	}
	return purchase.PaymentRefunded.Publish(ctx, g, purchase.StepEvent{OrderID: e.OrderID, Reason: e.Reason, At: db.Now()})
}
