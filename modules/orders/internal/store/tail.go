package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
)

// batch is how many events a tailing transaction applies to one
// projection at most.
const batch = 500

// CatchUp applies the events visible to the runner to the tailing
// projections, those behind advancing together, a batch each per
// transaction; it opens no transaction when none is behind. The inline
// projections' checkpoints follow (see advance).
func (s *Orders) CatchUp(ctx context.Context) error {
	var tailing []projection
	for _, p := range s.projections {
		if !p.inline {
			tailing = append(tailing, p)
		}
	}
	return s.catchUp(ctx, tailing, true)
}

// CatchUpAll is CatchUp for every projection, the inline ones included
// (see source): what orders does when it starts, so that events written
// without the store (a migration's) reach them.
func (s *Orders) CatchUpAll(ctx context.Context) error { return s.catchUp(ctx, s.projections, false) }

func (s *Orders) catchUp(ctx context.Context, ps []projection, follow bool) error {
	for {
		behind, err := s.behind(ctx, ps)
		if err != nil || len(behind) == 0 {
			return err
		}
		more := false
		err = s.db.Transact(ctx, func(tx *gorm.DB) error {
			for _, p := range behind {
				n, err := s.advance(tx, p, s.source(p), follow)
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

// HeldBack reports whether a tailing projection has an event past its
// checkpoint that it may not apply yet: on PostgreSQL, one of a
// transaction not older than the oldest still running (see tail). Right
// after CatchUp, such an event is waiting for that transaction to end.
func (s *Orders) HeldBack(ctx context.Context) (bool, error) {
	if s.db.Driver != db.Postgres {
		return false, nil
	}
	for _, p := range s.projections {
		if p.inline {
			continue
		}
		var cp checkpoint
		if err := s.db.WithContext(ctx).Where("name = ?", p.name).Take(&cp).Error; err != nil {
			return false, err
		}
		var next []int64
		if err := settled(s.db.WithContext(ctx), p, cp).Limit(1).Pluck("position", &next).Error; err != nil || len(next) > 0 {
			return len(next) > 0, err
		}
	}
	return false, nil
}

// behind lists those of ps with an event to apply after their
// checkpoints.
func (s *Orders) behind(ctx context.Context, ps []projection) ([]projection, error) {
	var out []projection
	for _, p := range ps {
		var cp checkpoint
		if err := s.db.WithContext(ctx).Where("name = ?", p.name).Take(&cp).Error; err != nil {
			return nil, err
		}
		var next []int64
		if err := s.source(p)(s.db.WithContext(ctx), p, cp).Limit(1).Pluck("position", &next).Error; err != nil {
			return nil, err
		}
		if len(next) > 0 {
			out = append(out, p)
		}
	}
	return out, nil
}

// lock reads p's checkpoint and holds it until tx ends, so that one
// runner at a time advances a projection, whichever process it is in. On
// SQLite the transaction holds the database's one write lock already.
func (s *Orders) lock(tx *gorm.DB, p projection) (checkpoint, error) {
	var cp checkpoint
	err := db.ForUpdate(tx).Where("name = ?", p.name).Limit(1).Find(&cp).Error
	return cp, err
}

// advance applies the next batch of events that from selects past p's
// checkpoint and moves the checkpoint to the last one; it returns how
// many it applied. With follow, the inline projections' checkpoints move
// up to that point too: every event before it has committed and was
// applied to them in its own transaction. (Not while orders starts, when
// a migration's events may still be missing from them.)
func (s *Orders) advance(tx *gorm.DB, p projection, from func(*gorm.DB, projection, checkpoint) *gorm.DB, follow bool) (int, error) {
	cp, err := s.lock(tx, p)
	if err != nil {
		return 0, err
	}
	var rows []eventRow
	if err := from(tx, p, cp).Order("xact, position").Limit(batch).Find(&rows).Error; err != nil || len(rows) == 0 {
		return 0, err
	}
	for _, r := range rows {
		stream, err := loadStream(tx, r.StreamID, r.Version)
		if err != nil {
			return 0, err
		}
		if err := p.apply(tx, r.event(), stream); err != nil {
			return 0, err
		}
	}
	last := checkpoint{Xact: rows[len(rows)-1].Xact, Position: rows[len(rows)-1].Position}
	if err := s.move(tx, p.name, last); err != nil {
		return 0, err
	}
	for _, q := range s.projections {
		if follow && q.inline {
			if err := s.move(tx, q.name, last); err != nil {
				return 0, err
			}
		}
	}
	return len(rows), nil
}

// move sets the named checkpoint to to, unless it is past it already.
func (s *Orders) move(tx *gorm.DB, name string, to checkpoint) error {
	return tx.Model(&checkpoint{}).Where("name = ? AND (xact < ? OR (xact = ? AND position < ?))", name, to.Xact, to.Xact, to.Position).
		Updates(map[string]any{"xact": to.Xact, "position": to.Position}).Error
}

// source is where p reads its events: an inline projection every event
// the transaction sees (settled), since an event in flight is applied by
// its own transaction; a tailing one only what tail selects.
func (s *Orders) source(p projection) func(*gorm.DB, projection, checkpoint) *gorm.DB {
	if p.inline {
		return settled
	}
	return s.tail
}

// settled selects every event of p's types past cp that the transaction
// sees.
func settled(q *gorm.DB, p projection, cp checkpoint) *gorm.DB {
	return p.past(q.Model(&eventRow{}), cp)
}

// tail selects the events of p's types past cp that p may apply now. On
// PostgreSQL a position is taken when a row is inserted, not when its
// transaction commits: a transaction may commit an event below a position
// already read. Events are therefore read in order of their transaction
// id, and only those of transactions older than the oldest one still
// running (the snapshot's xmin): every such transaction has ended, and
// any transaction that commits later has an id at or above xmin, so it
// lands past the checkpoint. SQLite has one writer: commit order is
// position order, and xact is 0.
func (s *Orders) tail(q *gorm.DB, p projection, cp checkpoint) *gorm.DB {
	q = p.past(q.Model(&eventRow{}), cp)
	if s.db.Driver == db.Postgres {
		q = q.Where("xact < pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
	}
	return q
}
