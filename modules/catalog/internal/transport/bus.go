// Package transport exposes the catalog over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/catalog/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves the catalog's endpoints.
func RegisterBus(b *bus.Bus, s *app.Service) {
	catalog.GetProduct.Handle(b, s.GetProduct)
	catalog.ListProducts.Handle(b, s.ListProducts)
	catalog.UpdatePrice.Handle(b, s.UpdatePrice)
}
