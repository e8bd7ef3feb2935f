// Package transport exposes orders over the bus and HTTP.
package transport

import (
	"context"
	"strings"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// RegisterBus serves the orders endpoints and sends the cancellation mail
// when an order is cancelled.
func RegisterBus(b *bus.Bus, s *app.Service) {
	orders.PlaceOrder.Handle(b, placeOrder(s))
	orders.GetOrder.Handle(b, s.GetOrder)
	orders.ListOrders.Handle(b, s.ListOrders)
	orders.OrderCancelled.Consume(b, "orders", s.SendCancellationMail)
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
