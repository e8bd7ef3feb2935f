package store

import (
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
)

// lock reads p's checkpoint and holds it until tx ends, so that one
// runner at a time advances a projection, whichever process it is in. On
// SQLite the transaction holds the database's one write lock already.
func (s *Orders) lock(tx *gorm.DB, p projection) (checkpoint, error) {
	q := "SELECT name, xact, position FROM orders_projections WHERE name = ?"
	if s.db.Driver == db.Postgres {
		q += " FOR UPDATE"
	}
	var cp checkpoint
	err := tx.Raw(q, p.name).Scan(&cp).Error
	return cp, err
}

// advance applies the next batch of events past p's checkpoint, and moves
// the checkpoint to the last one; it returns how many it applied.
func (s *Orders) advance(tx *gorm.DB, p projection) (int, error) {
	cp, err := s.lock(tx, p)
	if err != nil {
		return 0, err
	}
	var rows []eventRow
	if err := s.tail(tx, cp).Order("xact, position").Limit(batch).Find(&rows).Error; err != nil || len(rows) == 0 {
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
	last := rows[len(rows)-1]
	err = tx.Model(&checkpoint{}).Where("name = ?", p.name).Updates(map[string]any{"xact": last.Xact, "position": last.Position}).Error
	return len(rows), err
}

// tail selects the events past cp that a projection may apply now. On
// PostgreSQL a position is taken when a row is inserted, not when its
// transaction commits: a transaction may commit an event below a position
// already read. Events are therefore read in order of their transaction
// id, and only those of transactions older than the oldest one still
// running (the snapshot's xmin): every such transaction has ended, and
// any transaction that commits later has an id at or above xmin, so it
// lands past the checkpoint. SQLite has one writer: commit order is
// position order, and xact is 0.
func (s *Orders) tail(tx *gorm.DB, cp checkpoint) *gorm.DB {
	q := after(tx.Model(&eventRow{}), cp)
	if s.db.Driver == db.Postgres {
		q = q.Where("xact < pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
	}
	return q
}
