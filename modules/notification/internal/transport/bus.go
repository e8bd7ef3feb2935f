// Package transport exposes the notification module over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/notification/internal/app"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves the notification endpoints and makes notification
// confirm completed choreographed orders.
func RegisterBus(b *bus.Bus, s *app.Service) {
	notification.SendConfirmation.Handle(b, s.SendConfirmation)
	notification.SendCancellation.Handle(b, s.SendCancellation)
	notification.Mails.Handle(b, s.Mails)
	purchase.OrderCompleted.Consume(b, "notification", s.ConfirmOrder)
}
