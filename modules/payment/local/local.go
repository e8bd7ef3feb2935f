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

// Module wires payment: its ledger table, endpoints and admin route.
var Module = host.Module("payment",
	host.Migration(migrations.For("payment")),
	fx.Provide(fx.Private, store.New, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP),
)
