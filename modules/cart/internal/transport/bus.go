// Package transport exposes the cart over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/cart/internal/app"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves the cart's endpoints and subscribes the cart to the
// completion of choreographed orders.
func RegisterBus(b *bus.Bus, s *app.Service) {
	cart.GetCart.Handle(b, s.GetCart)
	cart.AddItem.Handle(b, s.AddItem)
	cart.EmptyCart.Handle(b, s.EmptyCart)
	cart.MergeCarts.Handle(b, s.MergeCarts)
	purchase.OrderCompleted.Subscribe(b, "cart", s.EmptyOrder)
}
