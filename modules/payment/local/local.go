// Package local runs the payment module in this process.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/payment/internal/app"
	"github.com/jubako/jubako/modules/payment/internal/store"
	"github.com/jubako/jubako/modules/payment/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module wires payment: its ledger and holds tables, configuration
// section, endpoints, subscriptions and admin route, and the loop that
// deletes expired holds.
var Module = host.Module("payment",
	host.Migration(migrations.For("payment")),
	host.Section("payment", app.Defaults()),
	fx.Provide(fx.Private, store.New, store.NewHolds, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP, transport.RunHoldSweeper),
)
