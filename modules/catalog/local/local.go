// Package local runs the catalog module in this process.
package local

import (
	"context"

	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/catalog/internal/app"
	"github.com/jubako/jubako/modules/catalog/internal/store"
	"github.com/jubako/jubako/modules/catalog/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module wires the catalog: its table, seed data, endpoints and routes.
var Module = host.Module("catalog",
	host.Migration(migrations.For("catalog")),
	fx.Provide(fx.Private, store.New, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP, seedOnStart),
)

func seedOnStart(lc fx.Lifecycle, products *store.Products) {
	lc.Append(fx.StartHook(func(ctx context.Context) error { return products.Seed(ctx) }))
}
