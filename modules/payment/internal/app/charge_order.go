package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// ChargeOrder is payment's step of a choreographed checkout, once the
// order's stock is reserved: it charges the card held for the order with
// the key "<order id>:charge", as the orchestrated checkout does, deletes
// the hold, and announces PaymentCharged, or PaymentFailed with the reason
// when no card is held or the charge is refused (declined, invalid, voided
// by an earlier refund). tx is the subscription's transaction; the charge
// is tried in a savepoint of it, so that a refusal keeps the hold's
// deletion, the event and the inbox record. A transient failure is
// returned, and everything waits for the event to come again.
func (s *Service) ChargeOrder(ctx context.Context, tx bus.Tx, e purchase.StepEvent) error {
	g := db.Gorm(tx)
	h, held, err := s.holds.Take(g, e.OrderID)
	if err != nil {
		return fmt.Errorf("take the card held for order %s: %w", e.OrderID, err)
	}
	if !held {
		return paymentFailed(ctx, g, e.OrderID, "no card is held for the order")
	}
	var reply payment.ChargeReply
	refused, err := db.Attempt(g, func(sp *gorm.DB) error {
		var err error
		reply, err = s.charge(ctx, sp, payment.ChargeRequest{Key: chargeKey(e.OrderID), Reference: e.OrderID, Amount: h.Amount, Card: h.Card})
		return err
	})
	switch {
	case err != nil:
		return fmt.Errorf("charge order %s: %w", e.OrderID, err)
	case refused != nil:
		return paymentFailed(ctx, g, e.OrderID, shared.AsError(refused).Explained())
	}
	return purchase.PaymentCharged.Publish(ctx, g, purchase.PaymentChargedEvent{OrderID: e.OrderID, TransactionID: reply.TransactionID, At: db.Now()})
}

func paymentFailed(ctx context.Context, tx *gorm.DB, orderID, reason string) error {
	return purchase.PaymentFailed.Publish(ctx, tx, purchase.StepEvent{OrderID: orderID, Reason: reason, At: db.Now()})
}

// chargeKey is the key of an order's charge, the one the orchestrated
// checkout's charge step uses too.
func chargeKey(orderID string) string { return orderID + ":charge" }
