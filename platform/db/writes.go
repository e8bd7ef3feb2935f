package db

import (
	"sync/atomic"

	"gorm.io/gorm"
)

// writes counts the write transactions a DB committed: each Transact that
// committed, and each statement outside one that changed rows (its own
// implicit transaction). Reads are not counted.
type writes struct{ n atomic.Int64 }

// Writes reports how many write transactions this DB has committed since it
// was opened.
func (d *DB) Writes() int64 { return d.writes.n.Load() }

// register adds gorm callbacks that count write statements run
// outside a transaction.
func (w *writes) register(g *gorm.DB) error {
	count := func(tx *gorm.DB) {
		if _, inTx := tx.Statement.ConnPool.(gorm.TxCommitter); !inTx && tx.Error == nil && tx.RowsAffected > 0 {
			w.n.Add(1)
		}
	}
	cb := g.Callback()
	for _, err := range []error{
		cb.Create().After("gorm:create").Register("jubako:count_writes", count),
		cb.Update().After("gorm:update").Register("jubako:count_writes", count),
		cb.Delete().After("gorm:delete").Register("jubako:count_writes", count),
		cb.Raw().After("gorm:raw").Register("jubako:count_writes", count),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
