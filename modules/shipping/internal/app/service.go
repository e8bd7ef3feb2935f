// Package app holds shipping's use cases, one per file. They serve the
// endpoints of the shipping contract.
package app

import (
	"github.com/jubako/jubako/modules/shipping/internal/store"
	"github.com/jubako/jubako/platform/bus"
)

// Service runs shipping's use cases.
type Service struct {
	bus       *bus.Bus
	shipments *store.Shipments
	orders    *store.Orders
}

// New returns the service. b reaches the currency module for quotes.
func New(b *bus.Bus, shipments *store.Shipments, orders *store.Orders) *Service {
	return &Service{bus: b, shipments: shipments, orders: orders}
}
