package host_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/fx/fxtest"

	"github.com/jubako/jubako/platform/host"
)

func TestEveryRunsUntilTheProcessStops(t *testing.T) {
	lc := fxtest.NewLifecycle(t)
	var runs, running atomic.Int32
	host.Every(lc, 10*time.Millisecond, func(ctx context.Context) {
		running.Add(1)
		defer running.Add(-1)
		runs.Add(1)
		select {
		case <-ctx.Done():
		case <-time.After(5 * time.Millisecond):
		}
	})
	lc.RequireStart()
	deadline := time.Now().Add(5 * time.Second)
	for runs.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	lc.RequireStop()
	if n := runs.Load(); n < 3 {
		t.Errorf("ran %d times in 5 s, want every 10 ms", n)
	}
	if running.Load() != 0 {
		t.Error("a run was still going after the stop")
	}
	stopped := runs.Load()
	time.Sleep(50 * time.Millisecond)
	if n := runs.Load(); n != stopped {
		t.Errorf("ran %d more times after the stop", n-stopped)
	}
}

func TestBackgroundStopGivesUpAtTheStopsDeadline(t *testing.T) {
	lc := fxtest.NewLifecycle(t)
	release := make(chan struct{})
	defer close(release)
	host.Background(lc, func(context.Context) { <-release })
	lc.RequireStart()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := lc.Stop(ctx); err == nil {
		t.Error("stop returned without error while the loop ignored its context")
	}
}
