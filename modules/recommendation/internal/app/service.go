// Package app holds the recommendation module's use case. It owns no data:
// the catalog, reached over the bus, is its only source.
package app

import "github.com/jubako/jubako/platform/bus"

// Service recommends catalog products.
type Service struct {
	bus *bus.Bus
}

// New returns the service.
func New(b *bus.Bus) *Service { return &Service{bus: b} }
