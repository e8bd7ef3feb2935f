package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/telemetry"
)

// PurchaseEvent is what orders reads of a purchase event about an order.
type PurchaseEvent struct {
	OrderID       string
	Reason        string
	TrackingID    string
	TransactionID string
	At            time.Time
}

// React is orders' part in a choreographed checkout, within tx (the
// inbox's, for an event of topic): it records the step the event tells of
// on the order's timeline, then moves the order on once its timeline says
// so — CANCELLED when a failure has been undone, COMPLETED when the stock
// is committed and the order was paid and shipped. Events may be handled
// in any order: whichever event completes the picture moves the order. An
// event about an ended order is only recorded; one about an unknown or
// orchestrated order, or about a step already recorded, changes nothing.
func (s *Service) React(ctx context.Context, tx *gorm.DB, topic string, e PurchaseEvent) error {
	a, ok := acts[topic]
	if !ok {
		return fmt.Errorf("orders does not react to %s", topic)
	}
	o, userID, err := s.orders.Lock(tx, e.OrderID)
	if errors.Is(err, orders.ErrOrderNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if o.CheckoutMode != orders.ModeChoreography || find(o.Steps, a.step, a.phase) != nil {
		return nil
	}
	st := orders.Step{
		Name: a.step, Phase: a.phase, Status: a.status, Attempt: 1, Error: e.Reason, Module: a.module,
		Event: topic, TraceID: telemetry.TraceID(ctx), StartedAt: e.At, FinishedAt: e.At,
	}
	if err := s.orders.RecordStep(tx, o.ID, st); err != nil {
		return err
	}
	if o.Status != orders.StatusPending {
		return nil
	}
	o.Steps = append(o.Steps, st)
	if e.TrackingID != "" || e.TransactionID != "" {
		if err := s.orders.Note(tx, o.ID, e.TrackingID, e.TransactionID); err != nil {
			return err
		}
		o.TrackingID, o.TransactionID = cmp.Or(e.TrackingID, o.TrackingID), cmp.Or(e.TransactionID, o.TransactionID)
	}
	return s.moveOn(ctx, tx, o, userID)
}

// moveOn ends the PENDING choreographed order o if its timeline says it
// is over.
func (s *Service) moveOn(ctx context.Context, tx *gorm.DB, o orders.Order, userID string) error {
	if reason, over := cancellation(o.Steps); over {
		return s.cancelOrder(ctx, tx, o.ID, userID, o.Email, reason)
	}
	if find(o.Steps, "commit", orders.PhaseForward) == nil || o.TrackingID == "" || o.TransactionID == "" {
		return nil
	}
	if err := s.completeOrder(ctx, tx, o.ID, userID, o.Total, o.TrackingID, o.TransactionID); err != nil {
		return err
	}
	return purchase.OrderCompleted.Publish(ctx, tx, purchase.OrderCompletedEvent{
		OrderID: o.ID, UserID: userID, Email: o.Email, Lines: purchaseLines(o.Items), Shipping: o.ShippingCost,
		Total: o.Total, TrackingID: o.TrackingID, At: db.Now(),
	})
}

// cancellation says whether the timeline ends the checkout CANCELLED and
// why, in the words of the saga: nothing was reserved, or a later step
// failed and the stock was released. The reason names the step that
// failed.
func cancellation(steps []orders.Step) (string, bool) {
	failed := failure(steps)
	if failed == nil {
		return "", false
	}
	if failed.Name != "reserve" && find(steps, "reserve", orders.PhaseCompensate) == nil {
		return "", false
	}
	return failed.Name + " failed: " + failed.Error, true
}

// failure is the forward step that failed, or nil.
func failure(steps []orders.Step) *orders.Step {
	for i := range steps {
		if steps[i].Phase == orders.PhaseForward && steps[i].Status == saga.LogFailed {
			return &steps[i]
		}
	}
	return nil
}

// find is the recorded step of that name in phase, or nil.
func find(steps []orders.Step, name, phase string) *orders.Step {
	for i := range steps {
		if steps[i].Name == name && steps[i].Phase == phase {
			return &steps[i]
		}
	}
	return nil
}
