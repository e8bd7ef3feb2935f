package db

import (
	"context"
	"sync/atomic"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
)

type txStateKey struct{}

type txState struct{ outbox atomic.Bool }

// Transact runs fn in one transaction. When fn wrote to the outbox (see
// MarkOutbox), listeners of Committed are woken right after the commit, so
// messages leave without waiting for a poll.
func (d *DB) Transact(ctx context.Context, fn func(tx *gorm.DB) error) error {
	st := &txState{}
	ctx = context.WithValue(ctx, txStateKey{}, st)
	err := d.WithContext(ctx).Transaction(fn)
	if err == nil && st.outbox.Load() {
		d.Notify()
	}
	return err
}

// MarkOutbox records that tx holds outbox rows. Outside Transact it does
// nothing and the relay's poll picks the rows up.
func MarkOutbox(tx *gorm.DB) {
	if st, ok := tx.Statement.Context.Value(txStateKey{}).(*txState); ok {
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
