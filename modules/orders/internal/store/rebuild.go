package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
)

// Rebuild empties a projection and applies the log to it again, in one
// transaction: readers see the old rows until it commits.
//
// A tailing projection is replayed as the runner reads (see tail), then
// caught up with what was held back or appended meanwhile. An inline one
// must end holding every committed event, since the runner does not tail
// it: it is replayed from the whole log as the transaction sees it. An
// append in flight applies its own event to it, and where that touches a
// row the rebuild deletes or writes, the row's lock orders the two: the
// rebuild waits for the append's commit and then reads its event, or the
// append waits for the rebuild's commit and then finds an older version
// it may replace.
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
			n, err := s.advance(tx, p, s.source(p), false)
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
