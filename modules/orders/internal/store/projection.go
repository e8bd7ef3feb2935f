package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/domain"
)

// projection is a read model built from the events. A tailing projection
// is applied by the runner, which reads the log after its checkpoint (see
// tail). An inline one is applied in the appending transaction, so it
// holds every committed event; the runner applies it only when orders
// starts (for events written without the store, a migration's), so it
// must tolerate seeing an event twice.
type projection struct {
	name   string
	inline bool
	// types are the event types a tailing projection applies; the others
	// do not count in its lag.
	types []string
	// tables are emptied by a rebuild, in order.
	tables []string
	// apply applies e, the last event of stream (its events so far).
	apply func(tx *gorm.DB, e domain.Event, stream []domain.Event) error
}

// checkpoint is a projection's place in the log: the last event applied,
// by transaction id (PostgreSQL; 0 on SQLite) then position.
type checkpoint struct {
	Name     string `gorm:"primaryKey"`
	Xact     int64
	Position int64
}

func (checkpoint) TableName() string { return "orders_projections" }

// Projections lists the projections with their checkpoints and lags. An
// inline projection is reported with the last event's position and lag 0:
// each append applies to it in its own transaction, and orders, when it
// starts, applies what was written without the store (a migration's
// events) before it serves.
func (s *Orders) Projections(ctx context.Context) ([]orders.Projection, error) {
	var head int64
	if err := s.db.WithContext(ctx).Model(&eventRow{}).Select("COALESCE(MAX(position), 0)").Scan(&head).Error; err != nil {
		return nil, err
	}
	out := make([]orders.Projection, 0, len(s.projections))
	for _, p := range s.projections {
		if p.inline {
			out = append(out, orders.Projection{Name: p.name, Inline: true, Checkpoint: head})
			continue
		}
		var cp checkpoint
		if err := s.db.WithContext(ctx).Where("name = ?", p.name).Take(&cp).Error; err != nil {
			return nil, err
		}
		var lag int64
		if err := p.past(s.db.WithContext(ctx).Model(&eventRow{}), cp).Count(&lag).Error; err != nil {
			return nil, err
		}
		out = append(out, orders.Projection{Name: p.name, Checkpoint: cp.Position, Lag: lag})
	}
	return out, nil
}

// past selects the events of p's types after cp.
func (p projection) past(q *gorm.DB, cp checkpoint) *gorm.DB {
	q = q.Where("(xact > ? OR (xact = ? AND position > ?))", cp.Xact, cp.Xact, cp.Position)
	if len(p.types) > 0 {
		q = q.Where("type IN ?", p.types)
	}
	return q
}

// Wake asks the tailing runner to catch up now.
func (s *Orders) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Woken delivers a value after Wake.
func (s *Orders) Woken() <-chan struct{} { return s.wake }

func (s *Orders) projection(name string) (projection, bool) {
	for _, p := range s.projections {
		if p.name == name {
			return p, true
		}
	}
	return projection{}, false
}
