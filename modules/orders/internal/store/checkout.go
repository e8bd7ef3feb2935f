package store

import (
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/db"
)

// Lock reads the order id with its lines and timeline within tx, and on
// PostgreSQL locks its row until tx ends, so that the reactions to one
// order's events run one after the other. It also returns who placed the
// order; an unknown id is ErrOrderNotFound.
func (s *Orders) Lock(tx *gorm.DB, id string) (orders.Order, string, error) {
	q := tx
	if s.db.Driver == db.Postgres {
		q = tx.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var row orderRow
	err := q.Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return orders.Order{}, "", orders.ErrOrderNotFound.With("no order %q", id)
	}
	if err != nil {
		return orders.Order{}, "", err
	}
	var lines []lineRow
	if err := tx.Where("order_id = ?", id).Order("product_id").Find(&lines).Error; err != nil {
		return orders.Order{}, "", err
	}
	o, err := toOrder(row, lines)
	if err != nil {
		return orders.Order{}, "", err
	}
	o.Steps, err = s.steps(tx, id)
	return o, row.UserID, err
}

// Note records within tx what a choreographed checkout learnt of a PENDING
// order before it completes: the non-empty of trackingID and
// transactionID.
func (s *Orders) Note(tx *gorm.DB, id, trackingID, transactionID string) error {
	set := map[string]any{"updated_at": db.Now()}
	if trackingID != "" {
		set["tracking_id"] = trackingID
	}
	if transactionID != "" {
		set["transaction_id"] = transactionID
	}
	return tx.Model(&orderRow{}).Where("id = ?", id).Updates(set).Error
}
