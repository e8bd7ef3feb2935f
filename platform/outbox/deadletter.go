package outbox

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// DeadLetter is a delivery that failed for good: poison, or out of retries.
type DeadLetter struct {
	Queue     string    `json:"queue"`
	TaskID    string    `json:"task_id"`
	MessageID string    `json:"message_id"`
	Topic     string    `json:"topic"`
	Payload   string    `json:"payload"`
	Error     string    `json:"error"`
	Retried   int       `json:"retried"`
	FailedAt  time.Time `json:"failed_at"`
}

// DeadLetters lists dead letters of every queue known to Redis, newest first
// within a queue, up to limit per queue.
func (o *Outbox) DeadLetters(_ context.Context, limit int) ([]DeadLetter, error) {
	queues, err := o.broker.Inspector.Queues()
	if err != nil {
		return nil, err
	}
	var out []DeadLetter
	for _, q := range queues {
		tasks, err := o.broker.Inspector.ListArchivedTasks(q, asynq.PageSize(limit))
		if err != nil && !errors.Is(err, asynq.ErrQueueNotFound) {
			return nil, err
		}
		for _, t := range tasks {
			out = append(out, DeadLetter{
				Queue: q, TaskID: t.ID, MessageID: t.Headers[headerMessageID], Topic: t.Type,
				Payload: string(t.Payload), Error: t.LastErr, Retried: t.Retried, FailedAt: t.LastFailedAt,
			})
		}
	}
	return out, nil
}

// Resubmit sends a dead letter to its queue again, with fresh retries.
func (o *Outbox) Resubmit(ctx context.Context, queue, id string) error {
	if err := o.broker.Inspector.RunTask(queue, id); err != nil {
		return deadLetterError(err, queue, id)
	}
	messageID, _, _ := strings.Cut(id, ":")
	return o.db.WithContext(ctx).Model(&deliveryRow{}).Where("message_id = ? AND queue = ?", messageID, queue).
		Updates(map[string]any{"dead_at": nil, "checked_at": nil, "dispatched_at": db.Now()}).Error
}

// Discard deletes a dead letter for good; its delivery stays recorded as dead.
func (o *Outbox) Discard(ctx context.Context, queue, id string) error {
	if err := o.broker.Inspector.DeleteTask(queue, id); err != nil {
		return deadLetterError(err, queue, id)
	}
	messageID, _, _ := strings.Cut(id, ":")
	now := db.Now()
	return o.db.WithContext(ctx).Model(&deliveryRow{}).Where("message_id = ? AND queue = ?", messageID, queue).
		Updates(map[string]any{"dead_at": now, "last_error": "discarded by an operator"}).Error
}

func deadLetterError(err error, queue, id string) error {
	if errors.Is(err, asynq.ErrTaskNotFound) || errors.Is(err, asynq.ErrQueueNotFound) {
		return shared.Errorf(shared.CodeNotFound, "no dead letter %s in queue %s", id, queue)
	}
	return err
}
