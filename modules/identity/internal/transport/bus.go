// Package transport exposes identity over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/modules/identity/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves identity's endpoints.
func RegisterBus(b *bus.Bus, s *app.Service) {
	identity.GetUser.Handle(b, s.GetUser)
}
