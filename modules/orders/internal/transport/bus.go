// Package transport exposes orders over the bus and HTTP.
package transport

import (
	"context"
	"strings"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// RegisterBus serves the orders endpoints, sends the cancellation mail
// when an order is cancelled, and plays orders' part in choreographed
// checkouts: every purchase event about an order, once each.
func RegisterBus(b *bus.Bus, s *app.Service) {
	orders.PlaceOrder.Handle(b, placeOrder(s))
	orders.GetOrder.Handle(b, s.GetOrder)
	orders.ListOrders.Handle(b, s.ListOrders)
	orders.OrderCancelled.Consume(b, "orders", s.SendCancellationMail)
	for _, t := range []bus.TopicOf[purchase.StepEvent]{
		purchase.StockReserved, purchase.StockUnavailable, purchase.PaymentFailed, purchase.ShippingFailed,
		purchase.PaymentRefunded, purchase.StockReleased, purchase.StockCommitted, purchase.CartEmptied, purchase.ConfirmationSent,
	} {
		react(b, s, t, func(e purchase.StepEvent) app.PurchaseEvent {
			return app.PurchaseEvent{OrderID: e.OrderID, Reason: e.Reason, At: e.At}
		})
	}
	react(b, s, purchase.PaymentCharged, func(e purchase.PaymentChargedEvent) app.PurchaseEvent {
		return app.PurchaseEvent{OrderID: e.OrderID, TransactionID: e.TransactionID, At: e.At}
	})
	react(b, s, purchase.Shipped, func(e purchase.ShippedEvent) app.PurchaseEvent {
		return app.PurchaseEvent{OrderID: e.OrderID, TrackingID: e.TrackingID, At: e.At}
	})
}

// react subscribes orders to t: each event, read as read says, is handled
// once by Service.React in the inbox's transaction.
func react[E any](b *bus.Bus, s *app.Service, t bus.TopicOf[E], read func(E) app.PurchaseEvent) {
	t.Subscribe(b, "orders", func(ctx context.Context, tx bus.Tx, e E) error {
		return s.React(ctx, db.Gorm(tx), t.Info().Name, read(e))
	})
}

// placeOrder serves orders.PlaceOrder as POST /api/checkout is served,
// with the key required: a bus caller may be retried.
func placeOrder(s *app.Service) func(context.Context, orders.PlaceOrderRequest) (orders.PlaceOrderReply, error) {
	return func(ctx context.Context, req orders.PlaceOrderRequest) (orders.PlaceOrderReply, error) {
		switch {
		case strings.TrimSpace(req.UserID) == "":
			return orders.PlaceOrderReply{}, shared.Invalid("user_id", "is required")
		case req.Key == "":
			return orders.PlaceOrderReply{}, shared.Invalid("key", "is required: the call may be retried")
		}
		id, err := s.PlaceOrder(ctx, req.UserID, req.Key, orders.CheckoutRequest{
			Email: req.Email, Currency: req.Currency, Address: req.Address, CreditCard: req.CreditCard,
		})
		return orders.PlaceOrderReply{OrderID: id}, err
	}
}
