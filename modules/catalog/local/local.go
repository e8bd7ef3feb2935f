// Package local runs the catalog module in this process.
package local

import (
	"context"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/catalog/internal/app"
	"github.com/jubako/jubako/modules/catalog/internal/store"
	"github.com/jubako/jubako/modules/catalog/internal/transport"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/host"
)

// Module wires the catalog: its table, seed data, endpoints and routes,
// whose product answers the gateway caches until a price changes.
var Module = host.Module("catalog",
	host.Migration(migrations.For("catalog")),
	fx.Provide(fx.Private, store.New, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP, seedOnStart),
	gateway.AddCacheRoute("products", productsRoute("/api/catalog/products")),
	gateway.AddCacheRoute("product", productsRoute("/api/catalog/products/:id")),
)

// productsRoute caches a route's answers for a minute, or until a price
// changes.
func productsRoute(path string) gateway.CacheRoute {
	return gateway.CacheRoute{Path: path, TTL: time.Minute, InvalidatedBy: []string{catalog.PriceChanged.Info().Name}}
}

func seedOnStart(lc fx.Lifecycle, products *store.Products) {
	lc.Append(fx.StartHook(func(ctx context.Context) error { return products.Seed(ctx) }))
}
