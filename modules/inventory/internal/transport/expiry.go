package transport

import (
	"context"
	"log/slog"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/inventory/internal/app"
)

// RunExpiry releases expired reservations every expiry interval while the
// process runs. Stopping waits for a release in progress to finish.
func RunExpiry(lc fx.Lifecycle, s *app.Service, log *slog.Logger) {
	var (
		cancel context.CancelFunc
		done   chan struct{}
	)
	lc.Append(fx.Hook{
		OnStart: func(context.Context) error {
			var ctx context.Context
			ctx, cancel = context.WithCancel(context.Background())
			done = make(chan struct{})
			go expiryLoop(ctx, s, log.With("module", "inventory"), done)
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

func expiryLoop(ctx context.Context, s *app.Service, log *slog.Logger, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(s.ExpiryInterval())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, err := s.ReleaseExpired(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("releasing expired reservations failed", "error", err)
		}
		if n > 0 {
			log.Info("released expired reservations", "count", n)
		}
	}
}
