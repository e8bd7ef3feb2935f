// Package local runs the currency module in this process: its rate table,
// bus handlers and HTTP routes. The module owns no tables, so it brings no
// migration.
package local

import (
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/currency/internal/app"
	"github.com/jubako/jubako/modules/currency/internal/rates"
	"github.com/jubako/jubako/modules/currency/internal/transport"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/host"
)

// Module serves the currency contract from the embedded rate table; the
// gateway caches the list of currencies for an hour (the table changes
// only with a release).
var Module = host.Module("currency",
	fx.Provide(fx.Private, rates.Default, app.New),
	fx.Invoke(transport.Register, transport.Mount),
	gateway.AddCacheRoute("currencies", gateway.CacheRoute{Path: "/api/currency/currencies", TTL: time.Hour}),
)
