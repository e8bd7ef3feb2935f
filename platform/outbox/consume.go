package outbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/hibiken/asynq"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/platform/db"
)

// Delivery is one message arriving at one subscriber queue.
type Delivery struct {
	MessageID string
	Topic     string
	Queue     string
	Payload   []byte
	Headers   map[string]string
	// Attempt counts from 1.
	Attempt int
	// Duplicate is set by Transact when the inbox shows the message was
	// already handled; the handler was not run.
	Duplicate bool

	o         *Outbox
	completed bool
}

// Transact runs fn in a transaction that first records the message in the
// subscriber's inbox. If the inbox already holds it, fn is skipped: the
// effect of fn happens once however often the message arrives.
func (d *Delivery) Transact(ctx context.Context, fn func(tx *gorm.DB) error) error {
	err := d.o.db.Transact(ctx, func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&inboxRow{Queue: d.Queue, MessageID: d.MessageID, HandledAt: db.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			d.Duplicate = true
			return nil
		}
		if err := fn(tx); err != nil {
			return err
		}
		return markCompleted(tx, completion{d.MessageID, d.Queue})
	})
	if err == nil {
		d.completed = true
	}
	return err
}

// process is the asynq handler of every subscriber queue of this process.
func (o *Outbox) process(ctx context.Context, t *asynq.Task) error {
	queue, _ := asynq.GetQueueName(ctx)
	retried, _ := asynq.GetRetryCount(ctx)
	d := &Delivery{
		MessageID: t.Headers()[headerMessageID],
		Topic:     t.Type(),
		Queue:     queue,
		Payload:   t.Payload(),
		Headers:   t.Headers(),
		Attempt:   retried + 1,
		o:         o,
	}
	if d.MessageID == "" {
		return fmt.Errorf("%w: task has no %s header: %w", ErrPoison, headerMessageID, asynq.SkipRetry)
	}
	if err := o.disp.Deliver(ctx, d); err != nil {
		if errors.Is(err, ErrPoison) {
			return fmt.Errorf("%w: %w", err, asynq.SkipRetry)
		}
		return err
	}
	if !d.completed {
		o.completer.add(d.MessageID, d.Queue)
	}
	return nil
}
