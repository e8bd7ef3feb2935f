package host_test

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gofiber/fiber/v2"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/shared"
)

// envChild makes the test binary run as the shutdown test's child process;
// its value is the directory where the child writes its marker files.
const envChild = "APP_SHUTDOWN_CHILD"

func TestMain(m *testing.M) {
	if markers := os.Getenv(envChild); markers != "" {
		os.Exit(serve(markers))
	}
	os.Exit(m.Run())
}

// serve runs the child as cmd/jubako's serve does: start, wait for
// SIGTERM, then stop within the shutdown and drain timeouts.
func serve(markers string) int {
	src, cfg, err := host.Load(nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := host.Serve(ctx, src, cfg, host.Params{}, slowModule(markers)); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		return 1
	}
	return 0
}

// The slow module takes its time over each request to /api/slow/work and
// each event it handles, so that SIGTERM finds both in flight; handlers run
// longer, so they are still running when requests have drained. It writes a
// marker file when each starts; the handler's effect is a slow_effects row.
const (
	requestTime = 1500 * time.Millisecond
	handlerTime = 3 * time.Second
)

type requested struct {
	ID string `json:"id"`
}

var slowRequested = bus.Topic[requested]("slow.requested.v1")

var slowMigrations = fstest.MapFS{"00001_slow.sql": {Data: []byte(`
-- +goose Up
CREATE TABLE slow_effects (id TEXT PRIMARY KEY);
`)}}

func slowModule(markers string) fx.Option {
	touch := func(name string) { _ = os.WriteFile(filepath.Join(markers, name), nil, 0o644) }
	return host.Module("slow",
		host.Migration(db.Migration{Owner: "slow", FS: slowMigrations}),
		fx.Invoke(func(g *gateway.Gateway, b *bus.Bus, d *db.DB) {
			api := g.API("slow")
			api.Get("/work", func(c *fiber.Ctx) error {
				touch("request-started")
				time.Sleep(requestTime)
				return c.SendString("done")
			})
			api.Post("/publish", func(c *fiber.Ctx) error {
				ctx := c.UserContext()
				err := d.Transact(ctx, func(tx *gorm.DB) error {
					return slowRequested.Publish(ctx, tx, requested{ID: shared.NewID()})
				})
				if err != nil {
					return err
				}
				return c.SendStatus(fiber.StatusAccepted)
			})
			slowRequested.Subscribe(b, "slow", func(_ context.Context, tx bus.Tx, e requested) error {
				touch("handler-started")
				time.Sleep(handlerTime)
				return db.Gorm(tx).Exec("INSERT INTO slow_effects (id) VALUES (?)", e.ID).Error
			})
		}),
	)
}
