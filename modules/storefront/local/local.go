// Package local runs the storefront module in this process. It owns no
// tables, so it brings no migration; it needs the catalog, currency,
// recommendation, ads and cart endpoints, locally or remotely.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/storefront/internal/app"
	"github.com/jubako/jubako/modules/storefront/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module serves the storefront's pages, with its configuration section.
var Module = host.Module("storefront",
	host.Section("storefront", app.Defaults()),
	fx.Provide(fx.Private, app.New),
	fx.Invoke(transport.RegisterHTTP),
)
