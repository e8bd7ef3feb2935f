package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/db"
)

// ConfirmOrder mails the confirmation of a completed choreographed order,
// once per order as SendConfirmation does, and announces ConfirmationSent
// in the transaction that records the mail. The mail leaves the database,
// so this runs without the inbox and may run twice for one event: the
// second run finds the mail recorded, and sends and announces nothing.
func (s *Service) ConfirmOrder(ctx context.Context, e purchase.OrderCompletedEvent) error {
	req := notification.ConfirmationRequest{
		OrderID: e.OrderID, Email: e.Email, Lines: make([]notification.OrderLine, len(e.Lines)),
		Shipping: e.Shipping, Total: e.Total, TrackingID: e.TrackingID,
	}
	for i, l := range e.Lines {
		req.Lines[i] = notification.OrderLine{ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, Price: l.Total}
	}
	m, err := confirmationMail(req)
	if err != nil {
		return fmt.Errorf("confirm order %s: %w", e.OrderID, err)
	}
	_, err = s.send(ctx, m, func(tx *gorm.DB) error {
		return purchase.ConfirmationSent.Publish(ctx, tx, purchase.StepEvent{OrderID: e.OrderID, At: db.Now()})
	})
	if err != nil {
		return fmt.Errorf("confirm order %s: %w", e.OrderID, err)
	}
	return nil
}
