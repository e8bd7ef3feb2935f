// Package transport exposes shipping over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves shipping's endpoints and subscribes shipping to the
// events of the choreographed checkout it reacts to.
func RegisterBus(b *bus.Bus, s *app.Service) {
	shipping.Quote.Handle(b, s.Quote)
	shipping.Ship.Handle(b, s.Ship)
	shipping.Cancel.Handle(b, s.Cancel)
	shipping.Shipments.Handle(b, s.Shipments)
	purchase.OrderPlaced.Subscribe(b, "shipping", s.KeepOrder)
	purchase.PaymentCharged.Subscribe(b, "shipping", s.ShipOrder)
	purchase.StockUnavailable.Subscribe(b, "shipping", s.CloseOrder)
	purchase.PaymentFailed.Subscribe(b, "shipping", s.CloseOrder)
}
