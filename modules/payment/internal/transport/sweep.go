package transport

import (
	"context"
	"log/slog"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/payment/internal/app"
	"github.com/jubako/jubako/platform/host"
)

// RunHoldSweeper deletes expired holds every hold sweep interval while the
// process runs. Stopping waits for a sweep in progress to finish.
func RunHoldSweeper(lc fx.Lifecycle, s *app.Service, log *slog.Logger) {
	log = log.With("module", "payment")
	host.Every(lc, s.HoldSweepInterval(), func(ctx context.Context) {
		n, err := s.SweepHolds(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("deleting expired card holds failed", "error", err)
		}
		if n > 0 {
			log.Info("deleted expired card holds", "count", n)
		}
	})
}
