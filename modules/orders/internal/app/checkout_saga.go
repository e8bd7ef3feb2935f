package app

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/shared"
)

// checkoutState is what the checkout saga carries between its steps.
type checkoutState struct {
	OrderID  string             `json:"order_id"`
	UserID   string             `json:"user_id"`
	Email    string             `json:"email"`
	Lines    []orders.Line      `json:"lines"`
	Shipping shared.Money       `json:"shipping"`
	Total    shared.Money       `json:"total"`
	Address  orders.Address     `json:"address"`
	Card     payment.CreditCard `json:"card"`
	// Filled in by the steps.
	ReservationKey string `json:"reservation_key,omitempty"`
	TransactionID  string `json:"transaction_id,omitempty"`
	TrackingID     string `json:"tracking_id,omitempty"`
}

func newCheckoutState(o orders.Order, userID string, req orders.CheckoutRequest) checkoutState {
	return checkoutState{
		OrderID: o.ID, UserID: userID, Email: o.Email, Lines: o.Items, Shipping: o.ShippingCost,
		Total: o.Total, Address: o.Address, Card: payment.CreditCard(req.CreditCard),
	}
}

// defineCheckout is Online Boutique's PlaceOrder made safe: every step is
// idempotent per key, everything before the inventory commit is undone on
// failure, and the card number is scrubbed from the saga once charged or
// cancelled.
func (s *Service) defineCheckout() *saga.Saga[checkoutState] {
	return saga.Define(s.engine, saga.Definition[checkoutState]{
		Name: "checkout", Module: "orders", Deadline: s.cfg.CheckoutDeadline,
		Steps: []saga.Step[checkoutState]{
			{Name: "reserve", Do: s.reserve, Undo: s.release, Timeout: s.cfg.StepTimeout},
			{Name: "charge", Do: s.charge, Undo: s.refund, Timeout: s.cfg.StepTimeout},
			{Name: "ship", Do: s.ship, Undo: s.cancelShipment, Timeout: s.cfg.StepTimeout},
			{Name: "commit", Do: s.commitStock, Pivot: true, Then: s.complete, Timeout: s.cfg.StepTimeout},
			{Name: "empty_cart", Do: s.emptyCart, Timeout: s.cfg.StepTimeout},
			{Name: "confirm", Do: s.confirm, Timeout: s.cfg.StepTimeout},
		},
		OnCancelled: s.cancelled,
	})
}

func (s *Service) reserve(ctx context.Context, st *checkoutState, key string) error {
	lines := make([]inventory.Line, len(st.Lines))
	for i, l := range st.Lines {
		lines[i] = inventory.Line{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	st.ReservationKey = key
	_, err := inventory.Reserve.Call(ctx, s.bus, inventory.ReserveRequest{Key: key, Reference: st.OrderID, Lines: lines})
	return err
}

func (s *Service) release(ctx context.Context, _ *checkoutState, key string) error {
	_, err := inventory.Release.Call(ctx, s.bus, inventory.KeyRequest{Key: key})
	return err
}

func (s *Service) charge(ctx context.Context, st *checkoutState, key string) error {
	reply, err := payment.Charge.Call(ctx, s.bus, payment.ChargeRequest{Key: key, Reference: st.OrderID, Amount: st.Total, Card: st.Card})
	if err != nil {
		return err
	}
	st.TransactionID = reply.TransactionID
	st.Card = payment.CreditCard{}
	return nil
}

func (s *Service) refund(ctx context.Context, _ *checkoutState, key string) error {
	_, err := payment.Refund.Call(ctx, s.bus, payment.RefundRequest{ChargeKey: key})
	return err
}

func (s *Service) ship(ctx context.Context, st *checkoutState, key string) error {
	items := make([]shipping.Item, len(st.Lines))
	for i, l := range st.Lines {
		items[i] = shipping.Item{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	reply, err := shipping.Ship.Call(ctx, s.bus, shipping.ShipRequest{Key: key, Reference: st.OrderID, Address: shipping.Address(st.Address), Items: items})
	if err != nil {
		return err
	}
	st.TrackingID = reply.TrackingID
	return nil
}

func (s *Service) cancelShipment(ctx context.Context, _ *checkoutState, key string) error {
	_, err := shipping.Cancel.Call(ctx, s.bus, shipping.CancelRequest{ShipKey: key})
	return err
}

func (s *Service) commitStock(ctx context.Context, st *checkoutState, _ string) error {
	_, err := inventory.Commit.Call(ctx, s.bus, inventory.KeyRequest{Key: st.ReservationKey})
	return err
}

// complete marks the order COMPLETED and announces it, in the saga's
// transaction that records the commit.
func (s *Service) complete(ctx context.Context, tx *gorm.DB, id string, st *checkoutState) error {
	if err := s.orders.Complete(tx, id, st.TrackingID, st.TransactionID); err != nil {
		return err
	}
	return orders.OrderCompleted.Publish(ctx, tx, orders.OrderCompletedEvent{OrderID: id, UserID: st.UserID, Total: st.Total, CompletedAt: db.Now()})
}

func (s *Service) emptyCart(ctx context.Context, st *checkoutState, _ string) error {
	_, err := cart.EmptyCart.Call(ctx, s.bus, cart.EmptyCartRequest{UserID: st.UserID})
	return err
}

func (s *Service) confirm(ctx context.Context, st *checkoutState, _ string) error {
	lines := make([]notification.OrderLine, len(st.Lines))
	for i, l := range st.Lines {
		lines[i] = notification.OrderLine{ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, Price: l.Total}
	}
	_, err := notification.SendConfirmation.Call(ctx, s.bus, notification.ConfirmationRequest{
		OrderID: st.OrderID, Email: st.Email, Lines: lines, Shipping: st.Shipping, Total: st.Total, TrackingID: st.TrackingID,
	})
	return err
}

// cancelled marks the order CANCELLED with the reason, scrubs the card and
// announces the cancellation (its mail is sent by the subscriber of that
// event), in the transaction that ends the saga.
func (s *Service) cancelled(ctx context.Context, tx *gorm.DB, id string, st *checkoutState, reason string) error {
	st.Card = payment.CreditCard{}
	if err := s.orders.Cancel(tx, id, reason); err != nil {
		return err
	}
	return orders.OrderCancelled.Publish(ctx, tx, orders.OrderCancelledEvent{OrderID: id, UserID: st.UserID, Email: st.Email, Reason: reason, CancelledAt: db.Now()})
}

// SendCancellationMail mails the customer of a cancelled order, once.
func (s *Service) SendCancellationMail(ctx context.Context, e orders.OrderCancelledEvent) error {
	_, err := notification.SendCancellation.Call(ctx, s.bus, notification.CancellationRequest{OrderID: e.OrderID, Email: e.Email, Reason: e.Reason})
	return err
}
