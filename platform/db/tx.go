package db

import (
	"context"
	"sync/atomic"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

type txStateKey struct{}

// txState is what Transact knows of its open transaction. fn runs in one
// goroutine, so after needs no lock.
type txState struct {
	db     *DB
	outbox atomic.Bool
	wrote  atomic.Bool
	after  []func()
}

// Transact runs fn in one transaction — on SQLite, once this process's
// previous transaction has committed (see writer). When fn wrote to the outbox (see
// MarkOutbox), listeners of Committed are woken right after the commit, so
// messages leave without waiting for a poll; functions given to AfterCommit
// run then too, in order.
func (d *DB) Transact(ctx context.Context, fn func(tx *gorm.DB) error) error {
	st := &txState{db: d}
	ctx = context.WithValue(ctx, txStateKey{}, st)
	if err := d.transact(ctx, fn); err != nil {
		return err
	}
	if st.wrote.Load() {
		d.writes.n.Add(1)
	}
	if st.outbox.Load() {
		d.Notify()
	}
	for _, f := range st.after {
		f()
	}
	return nil
}

// transact runs fn in a transaction holding this process's write lock,
// which it gives back also when fn panics (gorm rolls back, then panics on).
func (d *DB) transact(ctx context.Context, fn func(tx *gorm.DB) error) error {
	release, err := d.writer.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	return d.WithContext(ctx).Transaction(fn)
}

func stateOf(tx *gorm.DB) *txState {
	st, _ := tx.Statement.Context.Value(txStateKey{}).(*txState)
	return st
}

// AfterCommit runs fn right after tx commits, and never if it rolls back.
// It reports false, and does nothing, for a tx not opened by Transact.
func AfterCommit(tx *gorm.DB, fn func()) bool {
	st := stateOf(tx)
	if st == nil {
		return false
	}
	st.after = append(st.after, fn)
	return true
}

// Of returns the DB whose Transact opened tx, or nil.
func Of(tx *gorm.DB) *DB {
	if st := stateOf(tx); st != nil {
		return st.db
	}
	return nil
}

// MarkOutbox records that tx holds outbox rows. Outside Transact it does
// nothing and the relay's poll picks the rows up.
func MarkOutbox(tx *gorm.DB) {
	if st := stateOf(tx); st != nil {
		st.outbox.Store(true)
	}
}

// Notify wakes the listener of Committed; wakes coalesce.
func (d *DB) Notify() {
	select {
	case d.committed <- struct{}{}:
	default:
	}
}

// Committed delivers a value after outbox-writing transactions commit.
func (d *DB) Committed() <-chan struct{} { return d.committed }

// Gorm unwraps the transaction the bus hands to a Subscribe handler (a
// bus.Tx, opaque so that contracts link no database code).
func Gorm(tx bus.Tx) *gorm.DB { return tx.(*gorm.DB) }

// ForUpdate makes q, a query within a transaction, lock the rows it reads
// until the transaction ends, on PostgreSQL (SELECT … FOR UPDATE). On
// SQLite the transaction holds the database's one write lock already, and
// q is returned as it is.
func ForUpdate(q *gorm.DB) *gorm.DB {
	if q.Dialector.Name() != Postgres {
		return q
	}
	return q.Clauses(clause.Locking{Strength: "UPDATE"})
}

// Attempt runs fn in a savepoint of tx, for work its caller may be refused
// and must then record: a refusal (an error shared.Retryable says is not
// worth trying again) is rolled back to the savepoint and returned as
// refused, with tx still usable; any other error is returned as err, for
// tx to roll back and the work to be tried again.
func Attempt(tx *gorm.DB, fn func(sp *gorm.DB) error) (refused, err error) {
	err = tx.Transaction(fn)
	if err == nil || shared.Retryable(err) {
		return nil, err
	}
	return err, nil
}
