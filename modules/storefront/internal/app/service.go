// Package app composes the storefront's pages. It owns no data: every part
// of a page comes from another module's endpoints over the bus.
package app

import "github.com/jubako/jubako/platform/bus"

// Service builds pages.
type Service struct {
	bus *bus.Bus
	cfg Config
}

// New returns the service.
func New(b *bus.Bus, cfg Config) *Service { return &Service{bus: b, cfg: cfg} }
