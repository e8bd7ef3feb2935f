// Package local runs the cart module in this process.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/cart/internal/app"
	"github.com/jubako/jubako/modules/cart/internal/store"
	"github.com/jubako/jubako/modules/cart/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module wires the cart: its table, endpoints and routes. It needs the
// catalog's endpoints, locally or remotely.
var Module = host.Module("cart",
	host.Migration(migrations.For("cart")),
	fx.Provide(fx.Private, store.New, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP),
)
