// Package local runs the orders module in this process.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/modules/orders/internal/store"
	"github.com/jubako/jubako/modules/orders/internal/transport"
	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/host"
)

// Module wires orders: tables, the checkout saga, endpoints and routes,
// the tailing projections of the orders' events, and the console's
// "Orders and mails" and "Sales" panels.
var Module = host.Module("orders",
	host.Migration(migrations.For("orders")),
	host.Section("orders", app.Defaults()),
	fx.Provide(fx.Private, store.New, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP, transport.RunProjections),
	console.AddPanel(transport.ConsolePanel),
	console.AddPanel(transport.SalesPanel),
)
