// Package local runs the notification module in this process: its table,
// the configured sender, endpoints and routes.
package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/notification/internal/app"
	"github.com/jubako/jubako/modules/notification/internal/sender"
	"github.com/jubako/jubako/modules/notification/internal/store"
	"github.com/jubako/jubako/modules/notification/internal/transport"
	"github.com/jubako/jubako/platform/host"
)

// Module wires notification. Its config section is "notification"; mails
// go to an SMTP server when notification.smtp.host is set.
var Module = host.Module("notification",
	host.Migration(migrations.For("notification")),
	host.Section("notification", sender.Defaults()),
	fx.Provide(fx.Private, store.New, sender.New, app.New),
	fx.Invoke(transport.RegisterBus, transport.RegisterHTTP),
)
