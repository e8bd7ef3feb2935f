// Package local runs the payment module in this process.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/payment/internal/app"
	"github.com/jubako/jubako/modules/payment/internal/store"
	"github.com/jubako/jubako/modules/payment/internal/transport"
	jubako "github.com/jubako/jubako/platform/app"
)

// Module wires payment: its ledger table, endpoints and admin route.
var Module = jubako.Module("payment",
	jubako.Migration(migrations.For("payment")),
	fx.Provide(fx.Private, store.New, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP),
)
