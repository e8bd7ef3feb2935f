// Package transport connects the currency use cases to the bus and to HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/currency/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// Register makes svc serve the currency endpoints on b.
func Register(b *bus.Bus, svc *app.Service) {
	currency.SupportedCurrencies.Handle(b, svc.SupportedCurrencies)
	currency.Convert.Handle(b, svc.Convert)
}
