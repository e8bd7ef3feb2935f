package outbox

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/platform/db"
)

// completionBatch bounds one flush of completion marks.
const completionBatch = 500

// completionDelay is the longest a completion mark waits for company.
const completionDelay = 5 * time.Millisecond

type completion struct{ messageID, queue string }

// completer records completions of deliveries that ran outside a
// transaction, many per statement. A mark lost in a crash is harmless: the
// sweeper then learns the completion from Redis, where the task is retained.
type completer struct {
	db   *db.DB
	in   chan completion
	done chan struct{}
}

func newCompleter(d *db.DB) *completer {
	return &completer{db: d, in: make(chan completion, 4*completionBatch), done: make(chan struct{})}
}

func (c *completer) add(messageID, queue string) { c.in <- completion{messageID, queue} }

// run flushes marks until in is closed, then flushes the rest.
func (c *completer) run(log func(error)) {
	defer close(c.done)
	batch := make([]completion, 0, completionBatch)
	flush := func() {
		if len(batch) > 0 {
			if err := c.db.Transact(context.Background(), func(tx *gorm.DB) error {
				if err := relaxDurability(tx); err != nil {
					return err
				}
				return markCompleted(tx, batch...)
			}); err != nil {
				log(err)
			}
			batch = batch[:0]
		}
	}
	for {
		first, ok := <-c.in
		if !ok {
			return
		}
		batch = append(batch, first)
		timer := time.NewTimer(completionDelay)
	gather:
		for len(batch) < completionBatch {
			select {
			case m, ok := <-c.in:
				if !ok {
					break gather
				}
				batch = append(batch, m)
			case <-timer.C:
				break gather
			}
		}
		timer.Stop()
		flush()
	}
}

func (c *completer) stop() {
	close(c.in)
	<-c.done
}

// markCompleted records completions where the deliveries are tracked. Rows
// are upserted: a handler may finish before the relay recorded the dispatch.
func markCompleted(tx *gorm.DB, done ...completion) error {
	now := db.Now()
	rows := make([]deliveryRow, len(done))
	for i, d := range done {
		rows[i] = deliveryRow{MessageID: d.messageID, Queue: d.queue, DispatchedAt: now, CompletedAt: &now}
	}
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "message_id"}, {Name: "queue"}},
		DoUpdates: clause.Assignments(map[string]any{"completed_at": now, "dead_at": nil}),
	}).Create(&rows).Error
}
