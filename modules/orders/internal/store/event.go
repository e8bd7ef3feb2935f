package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders/internal/domain"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// eventRow is a row of orders_events. Xact is the appending transaction's
// id on PostgreSQL (a column default), 0 on SQLite.
type eventRow struct {
	Position   int64 `gorm:"primaryKey;autoIncrement"`
	StreamID   string
	Version    int
	Type       string
	Payload    string
	OccurredAt time.Time
	Xact       int64 `gorm:"->"`
}

func (eventRow) TableName() string { return "orders_events" }

func (r eventRow) event() domain.Event {
	return domain.Event{Position: r.Position, StreamID: r.StreamID, Version: r.Version, Type: r.Type, Payload: json.RawMessage(r.Payload), OccurredAt: r.OccurredAt}
}

// ErrConcurrentAppend is an append that lost the race for a version: the
// stream changed since it was loaded.
var ErrConcurrentAppend = shared.NewReason(shared.CodeConflict, "order_changed", "the order changed meanwhile: try again")

// appendEvents adds changes, occurred at at, to a stream after version
// after, within tx. When another transaction appended that version first,
// the stream's unique (stream_id, version) refuses it: ErrConcurrentAppend.
func appendEvents(tx *gorm.DB, streamID string, after int, changes []domain.Change, at time.Time) ([]domain.Event, error) {
	out := make([]domain.Event, 0, len(changes))
	for i, c := range changes {
		payload, err := json.Marshal(c.Data)
		if err != nil {
			return nil, err
		}
		row := eventRow{StreamID: streamID, Version: after + i + 1, Type: c.Type, Payload: string(payload), OccurredAt: at}
		if err := tx.Create(&row).Error; err != nil {
			if db.IsUniqueViolation(err) {
				return nil, ErrConcurrentAppend.With("order %s has a version %d already", streamID, row.Version)
			}
			return nil, err
		}
		out = append(out, row.event())
	}
	return out, nil
}

// loadStream reads a stream's events up to version (all when 0), oldest
// first.
func loadStream(q *gorm.DB, streamID string, upTo int) ([]domain.Event, error) {
	q = q.Where("stream_id = ?", streamID)
	if upTo > 0 {
		q = q.Where("version <= ?", upTo)
	}
	var rows []eventRow
	if err := q.Order("version").Find(&rows).Error; err != nil {
		return nil, err
	}
	events := make([]domain.Event, len(rows))
	for i, r := range rows {
		events[i] = r.event()
	}
	return events, nil
}

// Events returns an order's stream, oldest first; an order without events
// is ErrOrderNotFound.
func (s *Orders) Events(ctx context.Context, id string) ([]domain.Event, error) {
	events, err := loadStream(s.db.WithContext(ctx), id, 0)
	if err == nil && len(events) == 0 {
		return nil, errNotFound(id)
	}
	return events, err
}
