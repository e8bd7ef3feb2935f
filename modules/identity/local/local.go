// Package local runs the identity module in this process.
package local

import (
	"context"

	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/identity/internal/app"
	"github.com/jubako/jubako/modules/identity/internal/store"
	"github.com/jubako/jubako/modules/identity/internal/transport"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/host"
)

// Module wires identity: its table, the admin section, the first admin,
// endpoints and routes, and the auth.Authenticator of the platform's
// pages. Logging in needs the cart's endpoints, locally or remotely.
var Module = host.Module("identity",
	host.Migration(migrations.For("identity")),
	host.Section("admin", app.AdminDefaults()),
	fx.Provide(fx.Private, store.New, app.New),
	fx.Provide(authenticator),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP, firstAdminOnStart),
)

// firstAdminOnStart creates the first admin once migrations have run.
func firstAdminOnStart(lc fx.Lifecycle, s *app.Service) {
	lc.Append(fx.StartHook(func(ctx context.Context) error { return s.EnsureAdmin(ctx) }))
}

// authenticator lets the platform's pages (the console) check credentials.
func authenticator(s *app.Service) auth.Authenticator { return s }
