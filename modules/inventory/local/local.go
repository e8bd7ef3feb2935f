// Package local runs the inventory module in this process.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/inventory/internal/app"
	"github.com/jubako/jubako/modules/inventory/internal/store"
	"github.com/jubako/jubako/modules/inventory/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module wires the inventory: its tables and configuration section, its
// endpoints and routes, and the loop that releases expired reservations.
var Module = host.Module("inventory",
	host.Migration(migrations.For("inventory")),
	host.Section("inventory", app.Defaults()),
	fx.Provide(fx.Private, store.New, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP, transport.RunExpiry),
)
