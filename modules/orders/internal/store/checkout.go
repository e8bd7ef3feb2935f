package store

import (
	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/domain"
	"github.com/jubako/jubako/platform/db"
)

// Lock folds the order id's stream within tx, and on PostgreSQL locks its
// row of the order view until tx ends, so that the reactions to one
// order's events run one after the other rather than conflict on the
// stream's next version. It also returns who placed the order; an unknown
// id is ErrOrderNotFound.
func (s *Orders) Lock(tx *gorm.DB, id string) (orders.Order, string, error) {
	var locked []string
	if err := db.ForUpdate(tx.Model(&orderRow{})).Where("id = ?", id).Pluck("id", &locked).Error; err != nil {
		return orders.Order{}, "", err
	}
	stream, err := loadStream(tx, id, 0)
	if err != nil {
		return orders.Order{}, "", err
	}
	st, err := domain.Fold(stream)
	if err != nil {
		return orders.Order{}, "", err
	}
	if st.Version == 0 {
		return orders.Order{}, "", errNotFound(id)
	}
	return st.Order, st.UserID, nil
}

// Note keeps within tx what a choreographed checkout learnt of a PENDING
// order before it completes: the non-empty of trackingID and
// transactionID.
func (s *Orders) Note(tx *gorm.DB, id, trackingID, transactionID string) error {
	return s.command(tx, id, func(st domain.State) ([]domain.Change, error) { return st.Note(trackingID, transactionID) })
}
