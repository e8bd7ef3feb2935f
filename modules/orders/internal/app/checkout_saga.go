package app

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/shared"
)

// checkoutState is what the checkout saga carries between its steps.
type checkoutState struct {
	OrderID  string            `json:"order_id"`
	UserID   string            `json:"user_id"`
	Email    string            `json:"email"`
	Lines    []orders.Line     `json:"lines"`
	Shipping shared.Money      `json:"shipping"`
	Total    shared.Money      `json:"total"`
	Address  orders.Address    `json:"address"`
	Card     orders.CreditCard `json:"card"`
	// Filled in by the steps.
	ReservationKey string `json:"reservation_key,omitempty"`
	TransactionID  string `json:"transaction_id,omitempty"`
	TrackingID     string `json:"tracking_id,omitempty"`
}

func newCheckoutState(o orders.Order, userID string, req orders.CheckoutRequest) checkoutState {
	return checkoutState{
		OrderID: o.ID, UserID: userID, Email: o.Email, Lines: o.Items, Shipping: o.ShippingCost,
		Total: o.Total, Address: o.Address, Card: req.CreditCard,
	}
}

// defineCheckout is Online Boutique's PlaceOrder made safe: every step is
// idempotent per key, everything before the inventory commit is undone on
// failure, and the card number is scrubbed from the saga once charged or
// cancelled. Step IDs are in participants' idempotency keys ("<order
// id>:charge"): keep them when renaming a step, and raise Version with any
// change of the steps or of checkoutState's shape.
func (s *Service) defineCheckout() *saga.Saga[checkoutState] {
	return saga.Define(s.engine, saga.Definition[checkoutState]{
		Name: "checkout", Module: "orders", Version: 1, Deadline: s.cfg.CheckoutDeadline,
		Steps: []saga.Step[checkoutState]{
			{ID: "reserve", Name: "reserve", Do: s.reserve, Undo: s.release, Timeout: s.cfg.StepTimeout},
			{ID: "charge", Name: "charge", Do: s.charge, Undo: s.refund, Timeout: s.cfg.StepTimeout},
			{ID: "ship", Name: "ship", Do: s.ship, Undo: s.cancelShipment, Timeout: s.cfg.StepTimeout},
			{ID: "commit", Name: "commit", Do: s.commitStock, Pivot: true, Then: s.complete, Timeout: s.cfg.StepTimeout},
			{ID: "empty_cart", Name: "empty_cart", Do: s.emptyCart, Timeout: s.cfg.StepTimeout},
			{ID: "confirm", Name: "confirm", Do: s.confirm, Timeout: s.cfg.StepTimeout},
		},
		OnCancelled: s.cancelled,
	})
}

// complete marks the order COMPLETED and announces it, in the saga's
// transaction that records the commit.
func (s *Service) complete(ctx context.Context, tx *gorm.DB, id string, st *checkoutState) error {
	return s.completeOrder(ctx, tx, id, st.UserID, st.Total, st.TrackingID, st.TransactionID)
}

// cancelled scrubs the card and cancels the order with the reason, in the
// transaction that ends the saga.
func (s *Service) cancelled(ctx context.Context, tx *gorm.DB, id string, st *checkoutState, reason string) error {
	st.Card = orders.CreditCard{}
	return s.cancelOrder(ctx, tx, id, st.UserID, st.Email, reason)
}

// completeOrder marks the order COMPLETED, shipped and paid, and announces
// it, within tx.
func (s *Service) completeOrder(ctx context.Context, tx *gorm.DB, id, userID string, total shared.Money, trackingID, transactionID string) error {
	if err := s.orders.Complete(tx, id, trackingID, transactionID); err != nil {
		return err
	}
	return orders.OrderCompleted.Publish(ctx, tx, orders.OrderCompletedEvent{OrderID: id, UserID: userID, Total: total, CompletedAt: db.Now()})
}

// cancelOrder marks the order CANCELLED with the reason and announces the
// cancellation (its mail is sent by the subscriber of that event), within
// tx.
func (s *Service) cancelOrder(ctx context.Context, tx *gorm.DB, id, userID, email, reason string) error {
	if err := s.orders.Cancel(tx, id, reason); err != nil {
		return err
	}
	return orders.OrderCancelled.Publish(ctx, tx, orders.OrderCancelledEvent{OrderID: id, UserID: userID, Email: email, Reason: reason, CancelledAt: db.Now()})
}
