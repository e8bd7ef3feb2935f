// Package transport exposes the payment module over the bus and HTTP, and
// runs its hold sweeper.
package transport

import (
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/internal/app"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves the payment endpoints and subscribes payment to the
// events of the choreographed checkout it reacts to.
func RegisterBus(b *bus.Bus, s *app.Service) {
	payment.Charge.Handle(b, s.Charge)
	payment.Refund.Handle(b, s.Refund)
	payment.HoldCard.Handle(b, s.HoldCard)
	payment.ReleaseHold.Handle(b, s.ReleaseHold)
	payment.Ledger.Handle(b, s.Ledger)
	purchase.StockReserved.Subscribe(b, "payment", s.ChargeOrder)
	purchase.StockUnavailable.Subscribe(b, "payment", s.DropHold)
	purchase.ShippingFailed.Subscribe(b, "payment", s.RefundOrder)
}
