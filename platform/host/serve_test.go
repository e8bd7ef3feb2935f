package host_test

import (
	"context"
	"path/filepath"
	"testing"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
)

// TestStopWhileStartingIsClean: a signal that arrives while the process
// still starts (a replica stopped right after it answered /readyz, while
// its last start hooks ran) ends Serve without an error.
func TestStopWhileStartingIsClean(t *testing.T) {
	t.Setenv("JUBAKO_DATABASE_DSN", filepath.Join(t.TempDir(), "jubako.db"))
	t.Setenv("JUBAKO_HTTP_ADDR", "127.0.0.1:0")
	t.Setenv("JUBAKO_GRPC_ADDR", "127.0.0.1:0")
	t.Setenv("JUBAKO_LOG_LEVEL", "error")
	t.Setenv("JUBAKO_AUTH_SIGNING_KEY", testkit.SigningKey)
	src, cfg, err := host.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	blocking := fx.Invoke(func(lc fx.Lifecycle) {
		lc.Append(fx.Hook{OnStart: func(ctx context.Context) error {
			cancel()
			<-ctx.Done()
			return ctx.Err()
		}})
	})
	if err := host.Serve(ctx, src, cfg, host.Params{}, blocking); err != nil {
		t.Errorf("Serve stopped while starting: %v, want no error", err)
	}
}
