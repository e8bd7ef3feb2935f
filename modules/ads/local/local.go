// Package local runs the ads module in this process. Its ads are a static
// table, so it owns no tables and brings no migration.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/ads/internal/transport"
	jubako "github.com/jubako/jubako/platform/app"
)

// Module serves ads.Get and its route.
var Module = jubako.Module("ads",
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP),
)
