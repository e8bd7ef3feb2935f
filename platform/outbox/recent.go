package outbox

import (
	"context"
	"time"
)

// Backlog is what the relay has yet to dispatch.
type Backlog struct {
	// Count is the number of messages written and not yet dispatched.
	Count int64
	// Oldest is when the oldest of them was written; nil when none waits.
	Oldest *time.Time
}

// Lag is the age of the oldest undispatched message at now (0 when none).
func (b Backlog) Lag(now time.Time) time.Duration {
	if b.Oldest == nil {
		return 0
	}
	return now.Sub(*b.Oldest)
}

// Backlog counts the undispatched messages and finds the oldest.
func (o *Outbox) Backlog(ctx context.Context) (Backlog, error) {
	var b Backlog
	err := o.db.WithContext(ctx).
		Raw(`SELECT COUNT(*) AS count, MIN(created_at) AS oldest FROM jubako_outbox WHERE dispatched_at IS NULL`).
		Scan(&b).Error
	return b, err
}

// Dispatch is a recent outbox message with the state of its deliveries.
type Dispatch struct {
	ID    string
	Topic string
	// Queue is set for a message sent to one queue (a saga step); empty
	// for an event, which goes to every subscriber's queue.
	Queue        string
	CreatedAt    time.Time
	DispatchedAt *time.Time
	Deliveries   []DeliveryState
}

// DeliveryState is where one message stands in one subscriber queue.
type DeliveryState struct {
	Queue        string
	DispatchedAt time.Time
	CompletedAt  *time.Time
	DeadAt       *time.Time
	LastError    string
	// Resent counts the sweeper's re-sends of a task Redis lost.
	Resent int
}

// State is "completed", "dead" or "in flight".
func (d DeliveryState) State() string {
	switch {
	case d.CompletedAt != nil:
		return "completed"
	case d.DeadAt != nil:
		return "dead"
	}
	return "in flight"
}

// Recent returns the latest messages written to the outbox, newest first,
// each with its deliveries.
func (o *Outbox) Recent(ctx context.Context, limit int) ([]Dispatch, error) {
	var rows []messageRow
	if err := o.db.WithContext(ctx).Order("created_at DESC, id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var deliveries []deliveryRow
	if len(ids) > 0 {
		if err := o.db.WithContext(ctx).Where("message_id IN ?", ids).Order("queue").Find(&deliveries).Error; err != nil {
			return nil, err
		}
	}
	byMessage := map[string][]DeliveryState{}
	for _, d := range deliveries {
		byMessage[d.MessageID] = append(byMessage[d.MessageID], DeliveryState{
			Queue: d.Queue, DispatchedAt: d.DispatchedAt, CompletedAt: d.CompletedAt, DeadAt: d.DeadAt,
			LastError: d.LastError, Resent: d.Resent,
		})
	}
	out := make([]Dispatch, len(rows))
	for i, r := range rows {
		out[i] = Dispatch{ID: r.ID, Topic: r.Topic, Queue: r.Queue, CreatedAt: r.CreatedAt, DispatchedAt: r.DispatchedAt, Deliveries: byMessage[r.ID]}
	}
	return out, nil
}
