// Package store keeps the payment ledger in its own table, payment_ledger.
// A row holds a card's network and last four digits, never its number or
// CVV. The unique key column makes charges and refunds idempotent, and
// lets a void (a tombstone of a charge key refunded before any charge)
// and a charge race for the key with exactly one winner. The cards held
// for choreographed checkouts, whole, are kept apart in payment_holds
// until they are charged, dropped or expire.
package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/internal/domain"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

type entryRow struct {
	ID             string `gorm:"primaryKey"`
	Kind           string
	Key            string `gorm:"column:key"`
	TransactionID  string
	Reference      string
	AmountCurrency string
	AmountUnits    int64
	AmountNanos    int32
	CardType       string
	CardLast4      string `gorm:"column:card_last4"`
	CreatedAt      time.Time
}

func (entryRow) TableName() string { return "payment_ledger" }

func rowOf(e domain.Entry) entryRow {
	return entryRow{
		ID: e.ID, Kind: e.Kind, Key: e.Key, TransactionID: e.TransactionID, Reference: e.Reference,
		AmountCurrency: e.Amount.CurrencyCode, AmountUnits: e.Amount.Units, AmountNanos: e.Amount.Nanos,
		CardType: e.CardType, CardLast4: e.CardLast4, CreatedAt: e.CreatedAt,
	}
}

func (r entryRow) entry() domain.Entry {
	return domain.Entry{Key: r.Key, Entry: payment.Entry{
		ID: r.ID, Kind: r.Kind, TransactionID: r.TransactionID, Reference: r.Reference,
		Amount:   shared.Money{CurrencyCode: r.AmountCurrency, Units: r.AmountUnits, Nanos: r.AmountNanos},
		CardType: r.CardType, CardLast4: r.CardLast4, CreatedAt: r.CreatedAt.UTC(),
	}}
}

// Ledger reads and writes payment_ledger.
type Ledger struct{ db *db.DB }

// New returns the store.
func New(d *db.DB) *Ledger { return &Ledger{db: d} }

// Add writes e unless an entry with its key exists, and returns the entry
// stored under the key: e, or the one written first. It runs within tx
// when not nil. On PostgreSQL a concurrent writer of the same key makes
// this wait for its outcome.
func (l *Ledger) Add(ctx context.Context, tx *gorm.DB, e domain.Entry) (domain.Entry, error) {
	row := rowOf(e)
	res := l.conn(ctx, tx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if res.Error != nil || res.RowsAffected == 1 {
		return e, res.Error
	}
	stored, found, err := l.ByKey(ctx, tx, e.Key)
	if err == nil && !found {
		err = errors.New("payment: ledger entry vanished after a conflicting insert")
	}
	return stored, err
}

// ByKey returns the entry written under key, and false when there is none,
// within tx when not nil.
func (l *Ledger) ByKey(ctx context.Context, tx *gorm.DB, key string) (domain.Entry, bool, error) {
	var r entryRow
	err := l.conn(ctx, tx).Where("key = ?", key).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.Entry{}, false, nil
	}
	return r.entry(), err == nil, err
}

// ByReference lists the charges and refunds filed under reference, oldest
// first; voids move no money and are left out. Ids are time-ordered UUIDs
// whose text sorts alike on both databases, where SQLite's timestamp text
// does not at sub-second precision.
func (l *Ledger) ByReference(ctx context.Context, reference string) ([]payment.Entry, error) {
	var rows []entryRow
	if err := l.db.WithContext(ctx).Where("reference = ? AND kind <> ?", reference, payment.KindVoid).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]payment.Entry, len(rows))
	for i, r := range rows {
		out[i] = r.entry().Entry
	}
	return out, nil
}

func (l *Ledger) conn(ctx context.Context, tx *gorm.DB) *gorm.DB {
	if tx != nil {
		return tx
	}
	return l.db.WithContext(ctx)
}
