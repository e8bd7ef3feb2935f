// Package local runs the shipping module in this process: its tables,
// endpoints, subscriptions and routes. Quotes in other currencies call the
// currency module over the bus, wherever it runs.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/shipping/internal/app"
	"github.com/jubako/jubako/modules/shipping/internal/store"
	"github.com/jubako/jubako/modules/shipping/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module wires shipping.
var Module = host.Module("shipping",
	host.Migration(migrations.For("shipping")),
	fx.Provide(fx.Private, store.New, store.NewOrders, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP),
)
