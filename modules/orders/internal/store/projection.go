package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/domain"
)

// projection is a read model built from the events. Each is applied by a
// tailing runner that reads the log after its checkpoint (see tail);
// inline ones are also applied in the appending transaction, so they
// must tolerate seeing an event twice.
type projection struct {
	name   string
	inline bool
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

// batch is how many events a tailing transaction applies to one
// projection at most.
const batch = 500

// Projections lists the projections, with their checkpoints and lags.
func (s *Orders) Projections(ctx context.Context) ([]orders.Projection, error) {
	out := make([]orders.Projection, 0, len(s.projections))
	for _, p := range s.projections {
		var cp checkpoint
		if err := s.db.WithContext(ctx).Where("name = ?", p.name).Take(&cp).Error; err != nil {
			return nil, err
		}
		var lag int64
		if err := after(s.db.WithContext(ctx).Model(&eventRow{}), cp).Count(&lag).Error; err != nil {
			return nil, err
		}
		out = append(out, orders.Projection{Name: p.name, Inline: p.inline, Checkpoint: cp.Position, Lag: lag})
	}
	return out, nil
}

// after selects the events past cp.
func after(q *gorm.DB, cp checkpoint) *gorm.DB {
	return q.Where("(xact > ? OR (xact = ? AND position > ?))", cp.Xact, cp.Xact, cp.Position)
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

// CatchUp applies every event visible to the tailing runner to every
// projection: the projections behind advance together, a batch each per
// transaction. It opens no transaction when none is behind.
func (s *Orders) CatchUp(ctx context.Context) error {
	for {
		behind, err := s.behind(ctx)
		if err != nil || len(behind) == 0 {
			return err
		}
		more := false
		err = s.db.Transact(ctx, func(tx *gorm.DB) error {
			for _, p := range behind {
				n, err := s.advance(tx, p)
				if err != nil {
					return err
				}
				more = more || n == batch
			}
			return nil
		})
		if err != nil || !more {
			return err
		}
	}
}

// behind lists the projections with an event to apply after their
// checkpoints.
func (s *Orders) behind(ctx context.Context) ([]projection, error) {
	var cps []checkpoint
	if err := s.db.WithContext(ctx).Find(&cps).Error; err != nil {
		return nil, err
	}
	at := map[string]checkpoint{}
	for _, cp := range cps {
		at[cp.Name] = cp
	}
	var out []projection
	for _, p := range s.projections {
		var next []int64
		if err := s.tail(s.db.WithContext(ctx), at[p.name]).Limit(1).Pluck("position", &next).Error; err != nil {
			return nil, err
		}
		if len(next) > 0 {
			out = append(out, p)
		}
	}
	return out, nil
}

// Rebuild empties a projection and applies the whole log to it again, in
// one transaction (readers see the old rows until it commits), then
// catches up with what was appended meanwhile.
func (s *Orders) Rebuild(ctx context.Context, name string) error {
	p, ok := s.projection(name)
	if !ok {
		return orders.ErrProjectionNotFound.With("no projection %q", name)
	}
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		if _, err := s.lock(tx, p); err != nil {
			return err
		}
		for _, t := range p.tables {
			if err := tx.Exec("DELETE FROM " + t).Error; err != nil {
				return err
			}
		}
		if err := tx.Model(&checkpoint{}).Where("name = ?", p.name).Updates(map[string]any{"xact": 0, "position": 0}).Error; err != nil {
			return err
		}
		for {
			n, err := s.advance(tx, p)
			if err != nil || n < batch {
				return err
			}
		}
	})
	if err != nil {
		return err
	}
	return s.CatchUp(ctx)
}

func (s *Orders) projection(name string) (projection, bool) {
	for _, p := range s.projections {
		if p.name == name {
			return p, true
		}
	}
	return projection{}, false
}
