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

type holdRow struct {
	Reference       string `gorm:"primaryKey"`
	AmountCurrency  string
	AmountUnits     int64
	AmountNanos     int32
	CardNumber      string
	CardCVV         int32 `gorm:"column:card_cvv"`
	ExpirationYear  int32
	ExpirationMonth int32
	HeldAt          time.Time
}

func (holdRow) TableName() string { return "payment_holds" }

func (r holdRow) hold() domain.Hold {
	return domain.Hold{
		Reference: r.Reference,
		Amount:    shared.Money{CurrencyCode: r.AmountCurrency, Units: r.AmountUnits, Nanos: r.AmountNanos},
		Card: payment.CreditCard{
			Number: r.CardNumber, CVV: r.CardCVV, ExpirationYear: r.ExpirationYear, ExpirationMonth: r.ExpirationMonth,
		},
		HeldAt: r.HeldAt.UTC(),
	}
}

// Holds reads and writes payment_holds, the cards held for choreographed
// checkouts.
type Holds struct{ db *db.DB }

// NewHolds returns the store.
func NewHolds(d *db.DB) *Holds { return &Holds{db: d} }

// Put stores h, replacing the hold under its reference if there is one,
// in a transaction of its own (on SQLite, db.Transact waits for the write
// lock in Go rather than in SQLite's busy handler).
func (s *Holds) Put(ctx context.Context, h domain.Hold) error {
	row := holdRow{
		Reference: h.Reference, AmountCurrency: h.Amount.CurrencyCode, AmountUnits: h.Amount.Units, AmountNanos: h.Amount.Nanos,
		CardNumber: h.Card.Number, CardCVV: h.Card.CVV, ExpirationYear: h.Card.ExpirationYear, ExpirationMonth: h.Card.ExpirationMonth,
		HeldAt: h.HeldAt,
	}
	return s.db.Transact(ctx, func(tx *gorm.DB) error {
		return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error
	})
}

// Take deletes the hold under reference within tx and returns it, and
// false when there is none.
func (s *Holds) Take(tx *gorm.DB, reference string) (domain.Hold, bool, error) {
	var r holdRow
	err := tx.Where("reference = ?", reference).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.Hold{}, false, nil
	}
	if err != nil {
		return domain.Hold{}, false, err
	}
	return r.hold(), true, tx.Where("reference = ?", reference).Delete(&holdRow{}).Error
}

// DeleteHeldBefore deletes the holds made before cutoff and returns how
// many it deleted.
func (s *Holds) DeleteHeldBefore(ctx context.Context, cutoff time.Time) (int64, error) {
	var n int64
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		res := tx.Where("held_at < ?", cutoff).Delete(&holdRow{})
		n = res.RowsAffected
		return res.Error
	})
	return n, err
}
