package transport

import (
	"context"
	"log/slog"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/inventory/internal/app"
	"github.com/jubako/jubako/platform/host"
)

// RunExpiry releases expired reservations every expiry interval while the
// process runs. Stopping waits for a release in progress to finish.
func RunExpiry(lc fx.Lifecycle, s *app.Service, log *slog.Logger) {
	log = log.With("module", "inventory")
	host.Every(lc, s.ExpiryInterval(), func(ctx context.Context) {
		n, err := s.ReleaseExpired(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("releasing expired reservations failed", "error", err)
		}
		if n > 0 {
			log.Info("released expired reservations", "count", n)
		}
	})
}
