// Package local runs the storefront module in this process. It owns no
// tables, so it brings no migration; it needs the catalog, currency,
// recommendation, ads and cart endpoints, locally or remotely — and for
// its HTML pages, shipping's, orders' and identity's too.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/storefront/internal/app"
	"github.com/jubako/jubako/modules/storefront/internal/pages"
	"github.com/jubako/jubako/modules/storefront/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module serves the storefront's pages, JSON and HTML, with its
// configuration section.
var Module = host.Module("storefront",
	host.Section("storefront", app.Defaults()),
	fx.Provide(fx.Private, app.New),
	fx.Invoke(transport.RegisterHTTP, pages.Register),
)
