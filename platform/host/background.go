package host

import (
	"context"
	"time"

	"go.uber.org/fx"
)

// Background runs loop in a goroutine of its own from the start of the
// process until it stops: stopping cancels loop's context and waits for
// loop to return, or for the stop's deadline.
func Background(lc fx.Lifecycle, loop func(ctx context.Context)) {
	var (
		cancel context.CancelFunc
		done   chan struct{}
	)
	lc.Append(fx.Hook{
		OnStart: func(context.Context) error {
			var ctx context.Context
			ctx, cancel = context.WithCancel(context.Background())
			done = make(chan struct{})
			go func() {
				defer close(done)
				loop(ctx)
			}()
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

// Every runs fn every interval while the process runs (see Background):
// stopping waits for a run in progress to finish.
func Every(lc fx.Lifecycle, interval time.Duration, fn func(ctx context.Context)) {
	Background(lc, func(ctx context.Context) {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				fn(ctx)
			}
		}
	})
}
