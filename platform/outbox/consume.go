package outbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/hibiken/asynq"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// inbox runs the transactions of one delivery: each first records the
// message in the subscriber's inbox and, when the inbox already holds it,
// skips its function — the effect happens once however often the message
// arrives. The transaction that ran marks the delivery completed too, as
// does one that a Consume handler passes to bus.MarkDelivered.
type inbox struct {
	o         *Outbox
	d         *bus.Delivery
	completed bool
}

// inboxFor equips d with its inbox.
func (o *Outbox) inboxFor(d *bus.Delivery) *inbox {
	in := &inbox{o: o, d: d}
	d.Transact, d.Complete = in.transact, in.complete
	return in
}

// complete marks the delivery completed inside tx, a handler's own
// transaction, and remembers it once tx commits.
func (in *inbox) complete(tx bus.Tx) error {
	g := db.Gorm(tx)
	if err := markCompleted(g, completion{in.d.MessageID, in.d.Queue}); err != nil {
		return err
	}
	if !db.AfterCommit(g, func() { in.completed = true }) {
		in.completed = true
	}
	return nil
}

func (in *inbox) transact(ctx context.Context, fn func(tx bus.Tx) error) error {
	d := in.d
	err := in.o.db.Transact(ctx, func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&inboxRow{Queue: d.Queue, MessageID: d.MessageID, HandledAt: db.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 { // handled before: this copy is done too
			return markCompleted(tx, completion{d.MessageID, d.Queue})
		}
		if err := fn(tx); err != nil {
			return err
		}
		return markCompleted(tx, completion{d.MessageID, d.Queue})
	})
	if err == nil {
		in.completed = true
	}
	return err
}

// process is the asynq handler of every subscriber queue of this process.
func (o *Outbox) process(ctx context.Context, t *asynq.Task) error {
	queue, _ := asynq.GetQueueName(ctx)
	retried, _ := asynq.GetRetryCount(ctx)
	d := &bus.Delivery{
		MessageID: t.Headers()[headerMessageID],
		Topic:     t.Type(),
		Queue:     queue,
		Payload:   t.Payload(),
		Headers:   t.Headers(),
		Attempt:   retried + 1,
	}
	ctx = otel.GetTextMapPropagator().Extract(ctx, propagation.MapCarrier(d.Headers))
	in := o.inboxFor(d)
	if d.MessageID == "" {
		return fmt.Errorf("%w: task has no %s header: %w", bus.ErrPoison, headerMessageID, asynq.SkipRetry)
	}
	if err := o.disp.Deliver(ctx, d); err != nil {
		if errors.Is(err, bus.ErrPoison) {
			return fmt.Errorf("%w: %w", err, asynq.SkipRetry)
		}
		return err
	}
	o.counted(d.Queue, false)
	if !in.completed {
		o.completer.add(d.MessageID, d.Queue)
	}
	return nil
}
