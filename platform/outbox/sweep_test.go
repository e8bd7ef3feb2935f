package outbox_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/testkit"
)

// TestSweepPassesOverALiveOwnersBacklog: more deliveries than one sweep
// page, held in memory by another process that is alive, are left to it —
// and the sweep ends instead of reading the same page forever.
func TestSweepPassesOverALiveOwnersBacklog(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, nil)
		ctx := context.Background()
		if err := p.Broker.Redis.Set(ctx, "jubako:outbox:alive:other", 1, time.Minute).Err(); err != nil {
			t.Fatal(err)
		}
		const n = 1200
		if err := p.DB.Transact(ctx, func(tx *gorm.DB) error {
			for i := range n {
				if err := tx.Exec(`INSERT INTO jubako_outbox_deliveries (message_id, queue, dispatched_at, owner) VALUES (?, 'probe', ?, 'other')`,
					fmt.Sprintf("m%04d", i), time.Now().UTC().Add(-time.Hour)).Error; err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		sweepCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		res, err := p.Outbox.Sweep(sweepCtx, time.Now())
		if err != nil {
			t.Fatalf("sweep: %v (after checking %d)", err, res.Checked)
		}
		if res.Checked != n || res.Resent != 0 {
			t.Errorf("sweep checked %d and re-sent %d, want %d checked and none re-sent", res.Checked, res.Resent, n)
		}
	})
}

// TestSweepLeavesWhatThisProcessStillHolds: a delivery this process runs in
// memory is not sent again by its own sweeper, however old.
func TestSweepLeavesWhatThisProcessStillHolds(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		pr := &probe{hold: make(chan struct{})}
		p := testkit.Start(t, be, nil, pr.module())
		if err := publish(context.Background(), p.DB, happened{ID: "slow", Stall: true}, false); err != nil {
			t.Fatal(err)
		}
		<-pr.hold
		res, err := p.Outbox.Sweep(context.Background(), time.Now().Add(time.Hour))
		close(pr.hold)
		if err != nil {
			t.Fatal(err)
		}
		if res.Resent != 0 {
			t.Errorf("the sweep re-sent %d deliveries this process still runs", res.Resent)
		}
		waitForEffects(t, p, 2)
		assertOnce(t, p.DB)
	})
}
