package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/domain"
	"github.com/jubako/jubako/platform/db"
)

type reservationRow struct {
	Key       string `gorm:"column:key;primaryKey"`
	Reference string
	Status    string
	ExpiresAt time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (reservationRow) TableName() string { return "inventory_reservations" }

type lineRow struct {
	ReservationKey string `gorm:"primaryKey"`
	ProductID      string `gorm:"primaryKey"`
	Quantity       int32
}

func (lineRow) TableName() string { return "inventory_reservation_lines" }

// CreateReservation stores r and its lines (a tombstone has none) unless a
// reservation with its key exists; it reports whether it created one. On
// PostgreSQL a concurrent creator of the same key makes this wait for its
// outcome.
func (s *Store) CreateReservation(tx *gorm.DB, r domain.Reservation) (bool, error) {
	now := db.Now()
	row := reservationRow{Key: r.Key, Reference: r.Reference, Status: r.Status, ExpiresAt: r.ExpiresAt, CreatedAt: now, UpdatedAt: now}
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if res.Error != nil || res.RowsAffected == 0 || len(r.Lines) == 0 {
		return res.RowsAffected == 1, res.Error
	}
	lines := make([]lineRow, len(r.Lines))
	for i, l := range r.Lines {
		lines[i] = lineRow{ReservationKey: r.Key, ProductID: l.ProductID, Quantity: l.Quantity}
	}
	return true, tx.Create(&lines).Error
}

// Reservation returns the reservation made with key, and false when there
// is none. Lines are sorted by domain.SortLines, not by the database, whose
// collation may order ids otherwise: every transaction must lock stock rows
// in one order.
func (s *Store) Reservation(ctx context.Context, tx *gorm.DB, key string) (domain.Reservation, bool, error) {
	conn := s.conn(ctx, tx)
	var row reservationRow
	err := conn.Where("key = ?", key).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.Reservation{}, false, nil
	}
	if err != nil {
		return domain.Reservation{}, false, err
	}
	var lines []lineRow
	if err := conn.Where("reservation_key = ?", key).Find(&lines).Error; err != nil {
		return domain.Reservation{}, false, err
	}
	r := domain.Reservation{
		Reservation: inventory.Reservation{Key: row.Key, Status: row.Status, ExpiresAt: row.ExpiresAt.UTC()},
		Reference:   row.Reference,
	}
	for _, l := range lines {
		r.Lines = append(r.Lines, inventory.Line{ProductID: l.ProductID, Quantity: l.Quantity})
	}
	r.Lines = domain.SortLines(r.Lines)
	return r, true, nil
}

// Transition moves the reservation made with key from status from to
// status to, and reports whether it did. The update locks the row, so of
// two concurrent transitions out of the same status only one succeeds.
// A non-zero dueBy further requires the reservation to have expired by then.
func (s *Store) Transition(tx *gorm.DB, key, from, to string, dueBy time.Time) (bool, error) {
	q := tx.Model(&reservationRow{}).Where("key = ? AND status = ?", key, from)
	if !dueBy.IsZero() {
		q = q.Where("expires_at <= ?", dueBy)
	}
	res := q.Updates(map[string]any{"status": to, "updated_at": db.Now()})
	return res.RowsAffected == 1, res.Error
}

// DueKeys lists up to limit keys of reservations still held at now that
// expired by then, the oldest first.
func (s *Store) DueKeys(ctx context.Context, now time.Time, limit int) ([]string, error) {
	var keys []string
	err := s.db.WithContext(ctx).Model(&reservationRow{}).
		Where("status = ? AND expires_at <= ?", inventory.StatusReserved, now).
		Order("expires_at").Limit(limit).Pluck("key", &keys).Error
	return keys, err
}
