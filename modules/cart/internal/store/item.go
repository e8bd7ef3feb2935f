// Package store keeps carts in the module's own table, cart_items: one row
// per user and product.
package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/db"
)

type itemRow struct {
	UserID    string `gorm:"primaryKey"`
	ProductID string `gorm:"primaryKey"`
	Quantity  int32
	UpdatedAt time.Time
}

func (itemRow) TableName() string { return "cart_items" }

// addSQL adds to a product's quantity in one statement, so concurrent adds
// never lose an update. The WHERE guard refuses an addition that would pass
// the cap; the row is then left alone and no row counts as affected.
const addSQL = `INSERT INTO cart_items (user_id, product_id, quantity, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (user_id, product_id) DO UPDATE
SET quantity = cart_items.quantity + excluded.quantity, updated_at = excluded.updated_at
WHERE cart_items.quantity + excluded.quantity <= ?`

// takeSQL removes a user's items and returns what it removed. Two
// transactions taking the same cart at once cannot both get an item: the
// second waits for the first's row locks (PostgreSQL) or its write lock
// (SQLite) and then finds the rows gone.
const takeSQL = `DELETE FROM cart_items WHERE user_id = ? RETURNING product_id, quantity`

// putSQL adds to a product's quantity like addSQL, but caps the sum at the
// limit instead of refusing it.
const putSQL = `INSERT INTO cart_items (user_id, product_id, quantity, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (user_id, product_id) DO UPDATE
SET quantity = CASE WHEN cart_items.quantity + excluded.quantity > ? THEN ? ELSE cart_items.quantity + excluded.quantity END,
    updated_at = excluded.updated_at`

// Items reads and writes cart_items.
type Items struct{ db *db.DB }

// New returns the store.
func New(d *db.DB) *Items { return &Items{db: d} }

// List returns a user's items in product id order, within tx when not nil;
// empty, not nil, when there are none.
func (s *Items) List(ctx context.Context, tx *gorm.DB, userID string) ([]cart.Item, error) {
	var rows []itemRow
	if err := s.conn(ctx, tx).Where("user_id = ?", userID).Order("product_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	items := make([]cart.Item, len(rows))
	for i, r := range rows {
		items[i] = cart.Item{ProductID: r.ProductID, Quantity: r.Quantity}
	}
	return items, nil
}

// Add adds quantity of a product to the user's cart within tx, unless the
// result would exceed cart.MaxQuantity; added tells which happened.
func (s *Items) Add(tx *gorm.DB, userID, productID string, quantity int32) (added bool, err error) {
	res := tx.Exec(addSQL, userID, productID, quantity, db.Now(), cart.MaxQuantity)
	return res.RowsAffected == 1, res.Error
}

// Take deletes every item of the user's cart within tx and returns them.
func (s *Items) Take(tx *gorm.DB, userID string) ([]cart.Item, error) {
	var items []cart.Item
	err := tx.Raw(takeSQL, userID).Scan(&items).Error
	return items, err
}

// Put adds quantity of a product to the user's cart within tx, keeping at
// most cart.MaxQuantity (quantity itself must not exceed it).
func (s *Items) Put(tx *gorm.DB, userID, productID string, quantity int32) error {
	return tx.Exec(putSQL, userID, productID, quantity, db.Now(), cart.MaxQuantity, cart.MaxQuantity).Error
}

// Quantity returns how many of a product the user's cart holds.
func (s *Items) Quantity(tx *gorm.DB, userID, productID string) (int32, error) {
	var rows []itemRow
	err := tx.Where("user_id = ? AND product_id = ?", userID, productID).Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	return rows[0].Quantity, nil
}

// Empty deletes every item of the user's cart, or, when productIDs names
// some, the lines of those products, within tx when not nil.
func (s *Items) Empty(ctx context.Context, tx *gorm.DB, userID string, productIDs []string) error {
	q := s.conn(ctx, tx).Where("user_id = ?", userID)
	if len(productIDs) > 0 {
		q = q.Where("product_id IN ?", productIDs)
	}
	return q.Delete(&itemRow{}).Error
}

func (s *Items) conn(ctx context.Context, tx *gorm.DB) *gorm.DB {
	if tx != nil {
		return tx
	}
	return s.db.WithContext(ctx)
}
