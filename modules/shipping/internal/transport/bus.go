// Package transport exposes shipping over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves shipping's endpoints.
func RegisterBus(b *bus.Bus, s *app.Service) {
	shipping.Quote.Handle(b, s.Quote)
	shipping.Ship.Handle(b, s.Ship)
	shipping.Cancel.Handle(b, s.Cancel)
	shipping.Shipments.Handle(b, s.Shipments)
}
