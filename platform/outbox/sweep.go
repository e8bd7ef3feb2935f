package outbox

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
)

const sweepBatch = 500

func (o *Outbox) sweepLoop(ctx context.Context, started time.Time) {
	// Right after a start, whatever was dispatched before it and is not
	// done may have been lost with Redis (always, with the embedded one).
	if _, err := o.Sweep(ctx, started); err != nil && ctx.Err() == nil {
		o.log.Error("sweep failed", "error", err)
	}
	t := time.NewTicker(o.cfg.SweepInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := o.Sweep(ctx, time.Now().Add(-o.cfg.SweepGrace)); err != nil && ctx.Err() == nil {
			o.log.Error("sweep failed", "error", err)
		}
		if err := o.purge(ctx); err != nil && ctx.Err() == nil {
			o.log.Error("purge failed", "error", err)
		}
		if err := o.subs.register(ctx); err != nil && ctx.Err() == nil {
			o.log.Error("register subscriptions failed", "error", err)
		}
	}
}

// SweepResult counts what one sweep found.
type SweepResult struct {
	Checked, Completed, Dead, Resent int
}

// Sweep looks at deliveries dispatched before cutoff that are neither
// completed nor dead, asks Redis about their tasks and sends again the ones
// it lost or that a dead worker left running (see orphans), and the
// in-memory deliveries of dead processes. Duplicates this may cause are
// absorbed by the inbox.
func (o *Outbox) Sweep(ctx context.Context, cutoff time.Time) (SweepResult, error) {
	var res SweepResult
	orphans, err := o.orphans()
	if err != nil {
		return res, err
	}
	owners := map[string]bool{}
	if err := o.sweepOrphans(ctx, orphans, owners, &res); err != nil {
		return res, err
	}
	// Pages follow the order of the rows, not the first page again: the
	// deliveries of live owners are left as they are, and would fill it.
	var after *deliveryRow
	for {
		var rows []deliveryRow
		q := o.db.WithContext(ctx).
			Where("completed_at IS NULL AND dead_at IS NULL AND (dispatched_at < ? OR owner NOT IN ('', ?))", cutoff.UTC(), o.id).
			Where("checked_at IS NULL OR checked_at < ?", db.Now().Add(-o.cfg.SweepInterval/2))
		if after != nil {
			q = q.Where("(dispatched_at, message_id, queue) > (?, ?, ?)", after.DispatchedAt.UTC(), after.MessageID, after.Queue)
		}
		err := q.Order("dispatched_at, message_id, queue").Limit(sweepBatch).Find(&rows).Error
		if err != nil || len(rows) == 0 {
			return res, err
		}
		for _, r := range rows {
			if err := o.sweepOne(ctx, r, orphans, owners, &res); err != nil {
				return res, err
			}
		}
		if len(rows) < sweepBatch {
			return res, nil
		}
		after = &rows[len(rows)-1]
	}
}

func (o *Outbox) sweepOne(ctx context.Context, r deliveryRow, orphans, owners map[string]bool, res *SweepResult) error {
	res.Checked++
	if r.Owner != "" {
		return o.sweepLocal(ctx, r, owners, res)
	}
	now := db.Now()
	info, err := o.broker.Inspector.GetTaskInfo(r.Queue, r.currentTaskID())
	q := o.db.WithContext(ctx).Model(&deliveryRow{}).Where("message_id = ? AND queue = ?", r.MessageID, r.Queue)
	switch {
	case errors.Is(err, asynq.ErrTaskNotFound), errors.Is(err, asynq.ErrQueueNotFound), err == nil && orphans[info.ID]:
		res.Resent++
		return o.resend(ctx, r)
	case err != nil:
		return err
	case info.State == asynq.TaskStateCompleted:
		res.Completed++
		return q.Updates(map[string]any{"completed_at": now}).Error
	case info.State == asynq.TaskStateArchived:
		res.Dead++
		return q.Updates(map[string]any{"dead_at": now, "last_error": info.LastErr}).Error
	default:
		return q.Update("checked_at", now).Error
	}
}

// sweepOrphans sends again, whatever their age, the deliveries whose asynq
// task a dead worker left running.
func (o *Outbox) sweepOrphans(ctx context.Context, orphans, owners map[string]bool, res *SweepResult) error {
	for id := range orphans {
		messageID, rest, ok := strings.Cut(id, ":")
		if !ok {
			continue
		}
		queue, _, _ := strings.Cut(rest, ":")
		var r deliveryRow
		err := o.db.WithContext(ctx).Where("message_id = ? AND queue = ? AND completed_at IS NULL AND dead_at IS NULL", messageID, queue).Take(&r).Error
		if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && r.currentTaskID() != id) {
			continue
		}
		if err != nil {
			return err
		}
		if err := o.sweepOne(ctx, r, orphans, owners, res); err != nil {
			return err
		}
	}
	return nil
}

// sweepLocal looks at a delivery a process took to run in memory: while
// another process that owns it lives, it is its business; a dead owner's
// is sent again through asynq at once; this process's own is sent again
// once older than the cutoff unless it still holds it in memory (its
// handover to asynq failed). owners caches who is alive for one sweep.
func (o *Outbox) sweepLocal(ctx context.Context, r deliveryRow, owners map[string]bool, res *SweepResult) error {
	if r.Owner == o.id {
		if _, held := o.held.Load(taskID(r.MessageID, r.Queue)); held {
			return nil
		}
		res.Resent++
		return o.resend(ctx, r)
	}
	alive, seen := owners[r.Owner]
	if !seen {
		var err error
		if alive, err = o.alive(ctx, r.Owner); err != nil {
			return err
		}
		owners[r.Owner] = alive
	}
	if alive {
		return nil
	}
	res.Resent++
	return o.resend(ctx, r)
}

// resend enqueues the message again under a fresh task id and records it.
func (o *Outbox) resend(ctx context.Context, r deliveryRow) error {
	var m messageRow
	if err := o.db.WithContext(ctx).Where("id = ?", r.MessageID).Take(&m).Error; err != nil {
		return err
	}
	r.Resent++
	o.log.Warn("re-sending a delivery Redis lost or a dead worker left", "message_id", r.MessageID, "topic", m.Topic, "queue", r.Queue, "task_id", r.currentTaskID())
	if err := o.enqueue(ctx, &m, r.Queue, r.currentTaskID()); err != nil {
		return err
	}
	return o.db.WithContext(ctx).Model(&deliveryRow{}).Where("message_id = ? AND queue = ?", r.MessageID, r.Queue).
		Updates(map[string]any{"dispatched_at": db.Now(), "checked_at": nil, "resent": r.Resent, "owner": ""}).Error
}

// purge deletes what is older than Keep and finished: dispatched messages
// whose deliveries all completed, completed deliveries and inbox entries.
func (o *Outbox) purge(ctx context.Context) error {
	before := db.Now().Add(-o.cfg.Keep)
	tx := o.db.WithContext(ctx)
	if err := tx.Where("handled_at < ?", before).Delete(&inboxRow{}).Error; err != nil {
		return err
	}
	if err := tx.Where("completed_at < ?", before).Delete(&deliveryRow{}).Error; err != nil {
		return err
	}
	return tx.Where("dispatched_at < ? AND NOT EXISTS (SELECT 1 FROM jubako_outbox_deliveries d WHERE d.message_id = jubako_outbox.id)", before).
		Delete(&messageRow{}).Error
}
