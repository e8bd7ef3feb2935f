package db

import (
	"sync/atomic"

	"gorm.io/gorm"
)

// writes counts the write transactions a DB committed: each Transact that
// committed a statement changing rows, and each such statement outside one
// (its own implicit transaction). Reads, and transactions that only read,
// are not counted.
type writes struct{ n atomic.Int64 }

// Writes reports how many write transactions this DB has committed since it
// was opened.
func (d *DB) Writes() int64 { return d.writes.n.Load() }

// register adds gorm callbacks that count write statements run outside a
// transaction and mark the Transact of those run inside one as a writer.
func (w *writes) register(g *gorm.DB) error {
	count := func(tx *gorm.DB) {
		if tx.Error != nil || tx.RowsAffected == 0 {
			return
		}
		if _, inTx := tx.Statement.ConnPool.(gorm.TxCommitter); !inTx {
			w.n.Add(1)
		} else if st := stateOf(tx); st != nil {
			st.wrote.Store(true)
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
