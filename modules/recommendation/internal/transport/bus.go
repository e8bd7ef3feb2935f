// Package transport exposes recommendations over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/recommendation"
	"github.com/jubako/jubako/modules/recommendation/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves recommendation.List.
func RegisterBus(b *bus.Bus, s *app.Service) {
	recommendation.List.Handle(b, s.List)
}
