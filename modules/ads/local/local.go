// Package local runs the ads module in this process. Its ads are a static
// table, so it owns no tables and brings no migration.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/ads/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module serves ads.Get and its route.
var Module = host.Module("ads",
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP),
)
