// Package local runs the recommendation module in this process. It owns no
// tables, so it brings no migration; it needs the catalog's endpoints,
// locally or remotely.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/recommendation/internal/app"
	"github.com/jubako/jubako/modules/recommendation/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module serves recommendation.List and its route.
var Module = host.Module("recommendation",
	fx.Provide(fx.Private, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP),
)
