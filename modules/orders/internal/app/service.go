package app

import (
	"github.com/jubako/jubako/modules/orders/internal/store"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/saga"
)

// Service runs the orders module's use cases.
type Service struct {
	cfg      Config
	db       *db.DB
	bus      *bus.Bus
	orders   *store.Orders
	engine   *saga.Engine
	checkout *saga.Saga[checkoutState]
}

// New returns the service and defines the checkout saga.
func New(cfg Config, d *db.DB, b *bus.Bus, o *store.Orders, e *saga.Engine) *Service {
	s := &Service{cfg: cfg, db: d, bus: b, orders: o, engine: e}
	s.checkout = s.defineCheckout()
	return s
}
