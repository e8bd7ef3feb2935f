// Package transport exposes the payment module over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves the payment endpoints.
func RegisterBus(b *bus.Bus, s *app.Service) {
	payment.Charge.Handle(b, s.Charge)
	payment.Refund.Handle(b, s.Refund)
	payment.Ledger.Handle(b, s.Ledger)
}
