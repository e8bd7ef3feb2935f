// Package transport drives the inventory's use cases: bus endpoints, HTTP
// routes and the expiry timer.
package transport

import (
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/app"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves the inventory's endpoints and subscribes it to the
// events of the choreographed checkout it reacts to.
func RegisterBus(b *bus.Bus, s *app.Service) {
	inventory.Reserve.Handle(b, s.Reserve)
	inventory.Release.Handle(b, s.Release)
	inventory.Commit.Handle(b, s.Commit)
	inventory.GetStock.Handle(b, s.GetStock)
	inventory.SetStock.Handle(b, s.SetStock)
	purchase.OrderPlaced.Subscribe(b, "inventory", s.ReserveOrder)
	purchase.PaymentFailed.Subscribe(b, "inventory", s.ReleaseOrder)
	purchase.PaymentRefunded.Subscribe(b, "inventory", s.ReleaseOrder)
	purchase.Shipped.Subscribe(b, "inventory", s.CommitOrder)
}
