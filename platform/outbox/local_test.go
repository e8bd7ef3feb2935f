package outbox_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/testkit"
)

// TestLocalDeliveriesSkipRedis publishes events whose subscribers run in the
// publishing process: each is handled once per subscriber, recorded as
// dispatched in its own transaction and completed, and asynq never carried
// any of them.
func TestLocalDeliveriesSkipRedis(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, nil, (&probe{}).module())
		const n = 50
		for i := range n {
			if err := publish(context.Background(), p.DB, happened{ID: fmt.Sprintf("e%02d", i)}, false); err != nil {
				t.Fatal(err)
			}
		}
		waitForEffects(t, p, 2*n)
		assertOnce(t, p.DB)
		if left := count(t, p.DB, `SELECT COUNT(*) FROM jubako_outbox WHERE dispatched_at IS NULL`); left != 0 {
			t.Errorf("%d messages left for the relay", left)
		}
		testkit.Eventually(t, 10*time.Second, func() bool {
			return count(t, p.DB, `SELECT COUNT(*) FROM jubako_outbox_deliveries WHERE completed_at IS NOT NULL AND owner <> ''`) == 2*n
		}, func() string { return "deliveries are not all completed by their owner" })
		queues, err := p.Broker.Inspector.Queues()
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range queues {
			info, err := p.Broker.Inspector.GetQueueInfo(q)
			if err != nil {
				t.Fatal(err)
			}
			if info.Size+info.Processed+info.Completed > 0 {
				t.Errorf("asynq carried tasks of queue %s: %+v", q, info)
			}
		}
	})
}

// TestPanickingLocalHandlerIsRetried: a handler that panics in its
// transaction, run on the fast path, fails like any failing delivery — the
// process lives on, the transaction rolls back, asynq retries — and once
// the handler behaves, the event has its effect once per subscriber.
func TestPanickingLocalHandlerIsRetried(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		pr := &probe{}
		pr.failing.Store(true)
		p := testkit.Start(t, be, nil, pr.module())
		if err := publish(context.Background(), p.DB, happened{ID: "boom", Panic: true}, false); err != nil {
			t.Fatal(err)
		}
		testkit.Eventually(t, 10*time.Second, func() bool {
			return count(t, p.DB, `SELECT COUNT(*) FROM jubako_outbox_deliveries WHERE owner = ''`) == 2
		}, func() string { return "the panicking deliveries were not handed to asynq" })
		if n := count(t, p.DB, `SELECT COUNT(*) FROM probe_effects`); n != 0 {
			t.Fatalf("%d effects of a handler that panicked: its transaction must roll back", n)
		}
		if err := publish(context.Background(), p.DB, happened{ID: "calm"}, false); err != nil {
			t.Fatalf("publishing after the panics: %v", err)
		}
		pr.failing.Store(false)
		waitForEffects(t, p, 4)
		assertOnce(t, p.DB)
	})
}

// envStallDir is where the "stall" child marks the start of its hanging
// handler.
const envStallDir = "OUTBOX_STALL_DIR"

// stallBatch is how many events publishStalling commits at once.
const stallBatch = 10

// publishStalling commits stallBatch events in one transaction once the
// outbox runs, the first one's handler hanging.
func publishStalling(ctx context.Context, d *db.DB) {
	for !outbox.Running(d) && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	_ = d.Transact(ctx, func(tx *gorm.DB) error {
		for i := range stallBatch {
			e := happened{ID: fmt.Sprintf("s%02d", i), Stall: i == 0}
			if err := tx.Exec("INSERT INTO probe_published (id) VALUES (?)", e.ID).Error; err != nil {
				return err
			}
			if err := happenedTopic.Publish(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
}

// TestKilledBeforeAndDuringLocalHandling kills a process with SIGKILL while
// one local delivery's handler runs and the rest of a committed batch
// waits in memory for a worker; after a restart every event is handled
// exactly once per subscriber.
func TestKilledBeforeAndDuringLocalHandling(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process; run without -short")
	}
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		stalls := t.TempDir()
		env := childEnv(be, be.RedisURL,
			"JUBAKO_OUTBOX_CONCURRENCY=1", "JUBAKO_OUTBOX_SWEEP_INTERVAL=1s", envStallDir+"="+stalls)
		child := startChild(t, env, "stall")
		testkit.Eventually(t, 30*time.Second, func() bool {
			_, err := os.Stat(filepath.Join(stalls, "s00"))
			return err == nil
		}, func() string { return "the first handler never started" })
		d := openDB(t, be)
		if n := count(t, d, `SELECT COUNT(*) FROM probe_effects WHERE event_id <> 's00'`); n != 0 {
			t.Fatalf("%d effects of later events before the kill: they should be waiting for the one worker", n)
		}
		kill(t, child)
		startDrain(t, env)
		var got int64
		testkit.Eventually(t, time.Minute, func() bool {
			got = count(t, d, `SELECT COUNT(*) FROM (SELECT DISTINCT queue, event_id FROM probe_effects) e`)
			return got >= 2*stallBatch
		}, func() string { return fmt.Sprintf("%d of %d effects after the restart", got, 2*stallBatch) })
		assertOnce(t, d)
	})
}
