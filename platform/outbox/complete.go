package outbox

import (
	"context"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/platform/db"
)

// completionBatch bounds one flush of completion marks.
const completionBatch = 500

// completionDelay is the longest a completion mark waits for company.
const completionDelay = 5 * time.Millisecond

// flushAttempts is how many times a batch of marks is tried before it is
// given up (and its deliveries left to the sweeper).
const flushAttempts = 3

type completion struct{ messageID, queue string }

// completer records completions of deliveries that ran outside a
// transaction, many per statement. A mark that is lost — in a crash, after
// Stop, or when its flush keeps failing — leaves the delivery unfinished
// in the books, and the sweeper sends it again: the inbox absorbs that for
// Subscribe handlers, and Consume handlers are idempotent by contract.
type completer struct {
	db   *db.DB
	in   chan completion
	done chan struct{}

	mu      sync.RWMutex
	stopped bool
}

func newCompleter(d *db.DB) *completer {
	return &completer{db: d, in: make(chan completion, 4*completionBatch), done: make(chan struct{})}
}

// add queues a mark; after stop it drops it (see completer).
func (c *completer) add(messageID, queue string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if !c.stopped {
		c.in <- completion{messageID, queue}
	}
}

// run flushes marks until in is closed, then flushes the rest.
func (c *completer) run(log func(error)) {
	defer close(c.done)
	batch := make([]completion, 0, completionBatch)
	flush := func() {
		if len(batch) == 0 {
			return
		}
		var err error
		for attempt := range flushAttempts {
			if attempt > 0 {
				time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
			}
			if err = c.db.Transact(context.Background(), func(tx *gorm.DB) error {
				if err := relaxDurability(tx); err != nil {
					return err
				}
				return markCompleted(tx, batch...)
			}); err == nil {
				break
			}
		}
		if err != nil {
			log(err)
		}
		batch = batch[:0]
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
	c.mu.Lock()
	c.stopped = true
	close(c.in)
	c.mu.Unlock()
	<-c.done
}

// markCompleted records completions where the deliveries are tracked. Rows
// are upserted: a handler may finish before the relay recorded the dispatch.
// A delivery run twice may be marked twice in one batch; PostgreSQL refuses
// to upsert one row twice in a statement, so each is written once.
func markCompleted(tx *gorm.DB, done ...completion) error {
	now := db.Now()
	seen := make(map[completion]bool, len(done))
	rows := make([]deliveryRow, 0, len(done))
	for _, d := range done {
		if !seen[d] {
			seen[d] = true
			rows = append(rows, deliveryRow{MessageID: d.messageID, Queue: d.queue, DispatchedAt: now, CompletedAt: &now})
		}
	}
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "message_id"}, {Name: "queue"}},
		DoUpdates: clause.Assignments(map[string]any{"completed_at": now, "dead_at": nil}),
	}).Create(&rows).Error
}
