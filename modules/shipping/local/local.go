// Package local runs the shipping module in this process: its table,
// endpoints and routes. Quotes in other currencies call the currency
// module over the bus, wherever it runs.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/shipping/internal/app"
	"github.com/jubako/jubako/modules/shipping/internal/store"
	"github.com/jubako/jubako/modules/shipping/internal/transport"
	jubako "github.com/jubako/jubako/platform/app"
)

// Module wires shipping.
var Module = jubako.Module("shipping",
	jubako.Migration(migrations.For("shipping")),
	fx.Provide(fx.Private, store.New, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP),
)
