package outbox_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/testkit"
)

// recoveryBound is how soon, with the default settings, a delivery a
// killed process was running must run again elsewhere.
const recoveryBound = 30 * time.Second

// publishStallingRetry commits one event, once the outbox runs, whose
// handler fails in memory and stalls when asynq retries it.
func publishStallingRetry(ctx context.Context, d *db.DB) {
	for !outbox.Running(d) && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	_ = publish(ctx, d, happened{ID: "r00", StallRetry: true}, false)
}

// TestKilledWorkersAsynqTaskRunsAgainWithinBound kills with SIGKILL a
// process while its asynq worker runs a delivery, then starts another on
// the same database and Redis (shared, on the embedded default) with the
// default sweeper settings: the delivery must run again within
// recoveryBound — before the task's asynq lease would have let it — and
// have one effect.
func TestKilledWorkersAsynqTaskRunsAgainWithinBound(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process; run without -short")
	}
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		stalls := t.TempDir()
		env := childEnv(be, be.SharedRedis(t),
			"JUBAKO_OUTBOX_RETRY_BASE=100ms", envStallDir+"="+stalls)
		child := startChild(t, env, "stall-retry")
		testkit.Eventually(t, 30*time.Second, func() bool {
			_, err := os.Stat(filepath.Join(stalls, "r00"))
			return err == nil
		}, func() string { return "asynq never ran the retry of the stalling delivery" })
		kill(t, child)
		killed := time.Now()
		startDrain(t, env)
		d := openDB(t, be)
		testkit.Eventually(t, 2*time.Minute, func() bool {
			return count(t, d, `SELECT COUNT(*) FROM probe_effects WHERE queue = 'probe'`) > 0
		}, func() string { return "the delivery never ran again" })
		took := time.Since(killed)
		t.Logf("the delivery ran again %s after the kill", took.Round(time.Millisecond))
		if took > recoveryBound {
			t.Errorf("the delivery ran again %s after the kill, want at most %s", took.Round(time.Millisecond), recoveryBound)
		}
		testkit.Eventually(t, 30*time.Second, func() bool {
			return count(t, d, `SELECT COUNT(*) FROM probe_effects`) >= 2
		}, func() string { return "the audit queue never handled the event" })
		assertOnce(t, d)
	})
}
