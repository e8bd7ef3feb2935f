// Package transport exposes orders over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves the orders endpoints and sends the cancellation mail
// when an order is cancelled.
func RegisterBus(b *bus.Bus, s *app.Service) {
	orders.GetOrder.Handle(b, s.GetOrder)
	orders.ListOrders.Handle(b, s.ListOrders)
	orders.OrderCancelled.Consume(b, "orders", s.SendCancellationMail)
}
