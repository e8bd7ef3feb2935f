package outbox_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// envChild makes the test binary run as a crash test's child process:
// "publish" publishes events from several goroutines until killed, "stall"
// commits a batch whose first event's handler hangs (see
// TestKilledBeforeAndDuringLocalHandling), "stall-retry" an event whose
// handler hangs in asynq's worker, "drain" only delivers.
const envChild = "OUTBOX_CRASH_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(envChild) {
	case "":
		os.Exit(m.Run())
	case "stall":
		os.Exit(runChild(&probe{stallDir: os.Getenv(envStallDir)}, publishStalling))
	case "stall-retry":
		os.Exit(runChild(&probe{stallDir: os.Getenv(envStallDir)}, publishStallingRetry))
	case "publish":
		os.Exit(runChild(&probe{}, publishUntilKilled))
	default:
		os.Exit(runChild(&probe{}, nil))
	}
}

// runChild serves the probe, starting publish (when not nil) once the
// process runs, until SIGTERM.
func runChild(pr *probe, publish func(ctx context.Context, d *db.DB)) int {
	src, cfg, err := host.Load(nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := host.Serve(ctx, src, cfg, host.Params{}, pr.module(), publisher(ctx, publish)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// publisher runs publish in the background once the process runs.
func publisher(ctx context.Context, publish func(ctx context.Context, d *db.DB)) fx.Option {
	return fx.Invoke(func(lc fx.Lifecycle, d *db.DB) {
		if publish != nil {
			lc.Append(fx.StartHook(func() { go publish(ctx, d) }))
		}
	})
}

// publishUntilKilled publishes events from two goroutines until ctx ends,
// rolling a quarter of them back.
func publishUntilKilled(ctx context.Context, d *db.DB) {
	for range 2 {
		go func() {
			for ctx.Err() == nil {
				_ = publish(ctx, d, happened{ID: shared.NewID()}, rand.IntN(4) == 0)
				time.Sleep(2 * time.Millisecond)
			}
		}()
	}
}

// TestCrashLosesNothingAndDuplicatesNothing kills a process that publishes
// and handles under load with SIGKILL at random moments, restarts it, and
// checks that every committed event was handled exactly once in effect.
func TestCrashLosesNothingAndDuplicatesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for a minute; run without -short")
	}
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		env := childEnv(be, be.RedisURL,
			"JUBAKO_OUTBOX_SWEEP_INTERVAL=1s", "JUBAKO_OUTBOX_SWEEP_GRACE=3s", "JUBAKO_OUTBOX_RETRY_BASE=100ms")
		const kills = 6
		for i := range kills {
			child := startChild(t, env, "publish")
			time.Sleep(time.Duration(700+rand.IntN(1500)) * time.Millisecond)
			kill(t, child)
			t.Logf("kill %d/%d", i+1, kills)
		}
		startDrain(t, env)
		d := openDB(t, be)
		published := count(t, d, `SELECT COUNT(*) FROM probe_published`)
		if published < 100 {
			t.Fatalf("only %d events were committed: the load was too light to mean anything", published)
		}
		var got int64
		testkit.Eventually(t, 3*time.Minute, func() bool {
			got = count(t, d, `SELECT COUNT(*) FROM (SELECT DISTINCT queue, event_id FROM probe_effects) e`)
			return got >= 2*published
		}, func() string { return fmt.Sprintf("%d of %d effects", got, 2*published) })
		assertOnce(t, d)
		t.Logf("%d committed events survived %d kills, each handled once per subscriber", published, kills)
	})
}

// childEnv is the environment of a child process on be's database and the
// Redis at redisURL, with extra settings.
func childEnv(be testkit.Backend, redisURL string, extra ...string) []string {
	return append(append(os.Environ(),
		"JUBAKO_DATABASE_DRIVER="+be.Driver, "JUBAKO_DATABASE_DSN="+be.DSN, "JUBAKO_REDIS_URL="+redisURL,
		"JUBAKO_HTTP_ADDR=127.0.0.1:0", "JUBAKO_LOG_LEVEL=error", "JUBAKO_AUTH_SIGNING_KEY="+testkit.SigningKey), extra...)
}

// kill ends child with SIGKILL.
func kill(t *testing.T, child *exec.Cmd) {
	t.Helper()
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
}

// startDrain starts a child that handles what the killed ones left, and
// stops it when t ends.
func startDrain(t *testing.T, env []string) {
	drain := startChild(t, env, "drain")
	t.Cleanup(func() {
		_ = drain.Process.Signal(syscall.SIGTERM)
		_ = drain.Wait()
	})
}

// openDB opens be's database from the test, closed when t ends.
func openDB(t *testing.T, be testkit.Backend) *db.DB {
	t.Helper()
	d, err := db.Open(db.Config{Driver: be.Driver, DSN: be.DSN, MaxOpenConns: 2}, testkit.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

func startChild(t *testing.T, env []string, mode string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(env, envChild+"="+mode)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}
