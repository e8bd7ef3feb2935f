// Package transport exposes the notification module over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/notification/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves the notification endpoints.
func RegisterBus(b *bus.Bus, s *app.Service) {
	notification.SendConfirmation.Handle(b, s.SendConfirmation)
	notification.SendCancellation.Handle(b, s.SendCancellation)
	notification.Mails.Handle(b, s.Mails)
}
