package transport

import (
	"context"
	"log/slog"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/payment/internal/app"
)

// RunHoldSweeper deletes expired holds every hold sweep interval while the
// process runs. Stopping waits for a sweep in progress to finish.
func RunHoldSweeper(lc fx.Lifecycle, s *app.Service, log *slog.Logger) {
	var (
		cancel context.CancelFunc
		done   chan struct{}
	)
	lc.Append(fx.Hook{
		OnStart: func(context.Context) error {
			var ctx context.Context
			ctx, cancel = context.WithCancel(context.Background())
			done = make(chan struct{})
			go sweepLoop(ctx, s, log.With("module", "payment"), done)
			return nil
		},
		OnStop: func(ctx context.Context) error {
			cancel()
			select {
			case <-done:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		},
	})
}

func sweepLoop(ctx context.Context, s *app.Service, log *slog.Logger, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(s.HoldSweepInterval())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, err := s.SweepHolds(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("deleting expired card holds failed", "error", err)
		}
		if n > 0 {
			log.Info("deleted expired card holds", "count", n)
		}
	}
}
