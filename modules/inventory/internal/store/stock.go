// Package store keeps the inventory in its own tables: inventory_stock,
// inventory_reservations and inventory_reservation_lines. Every method
// takes the transaction it runs in; moves of stock are conditional updates,
// so they stay correct under concurrent writers on PostgreSQL.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/platform/db"
)

type stockRow struct {
	ProductID string `gorm:"primaryKey"`
	OnHand    int64
	Reserved  int64
	Sold      int64
	UpdatedAt time.Time
}

func (stockRow) TableName() string { return "inventory_stock" }

func (r stockRow) stock() inventory.Stock {
	return inventory.Stock{ProductID: r.ProductID, OnHand: r.OnHand, Reserved: r.Reserved, Sold: r.Sold}
}

// Store reads and writes the inventory tables.
type Store struct{ db *db.DB }

// New returns the store.
func New(d *db.DB) *Store { return &Store{db: d} }

// Stock returns a product's stock, and false when it has no row yet.
func (s *Store) Stock(ctx context.Context, tx *gorm.DB, productID string) (inventory.Stock, bool, error) {
	var r stockRow
	err := s.conn(ctx, tx).Where("product_id = ?", productID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return inventory.Stock{ProductID: productID}, false, nil
	}
	return r.stock(), err == nil, err
}

// EnsureStock creates a product's row with onHand units unless it exists.
func (s *Store) EnsureStock(tx *gorm.DB, productID string, onHand int64) error {
	row := stockRow{ProductID: productID, OnHand: onHand, UpdatedAt: db.Now()}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

// SetOnHand sets a product's on-hand quantity, creating its row if needed.
func (s *Store) SetOnHand(tx *gorm.DB, productID string, onHand int64) error {
	row := stockRow{ProductID: productID, OnHand: onHand, UpdatedAt: db.Now()}
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "product_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"on_hand", "updated_at"}),
	}).Create(&row).Error
}

// Reserve moves q units from on hand to reserved, if that many are on
// hand; it reports whether it did.
func (s *Store) Reserve(tx *gorm.DB, productID string, q int32) (bool, error) {
	return s.move(tx, productID, "on_hand", "reserved", q, true)
}

// Unreserve moves q units from reserved back to on hand.
func (s *Store) Unreserve(tx *gorm.DB, productID string, q int32) error {
	_, err := s.move(tx, productID, "reserved", "on_hand", q, false)
	return err
}

// Sell moves q units from reserved to sold.
func (s *Store) Sell(tx *gorm.DB, productID string, q int32) error {
	_, err := s.move(tx, productID, "reserved", "sold", q, false)
	return err
}

// SellOnHand moves q units from on hand straight to sold, if that many
// are on hand; it reports whether it did.
func (s *Store) SellOnHand(tx *gorm.DB, productID string, q int32) (bool, error) {
	return s.move(tx, productID, "on_hand", "sold", q, true)
}

// move shifts q units between two columns of a product's row. With
// conditional, only when the source column holds q; otherwise a missing
// row or an unchanged count is an error, since the caller's bookkeeping
// says the units are there.
func (s *Store) move(tx *gorm.DB, productID, from, to string, q int32, conditional bool) (bool, error) {
	res := tx.Model(&stockRow{}).Where("product_id = ? AND "+from+" >= ?", productID, q).Updates(map[string]any{
		from:         gorm.Expr(from+" - ?", q),
		to:           gorm.Expr(to+" + ?", q),
		"updated_at": db.Now(),
	})
	switch {
	case res.Error != nil:
		return false, res.Error
	case res.RowsAffected == 1:
		return true, nil
	case conditional:
		return false, nil
	}
	return false, fmt.Errorf("inventory: product %q holds fewer than %d units in %s", productID, q, from)
}

func (s *Store) conn(ctx context.Context, tx *gorm.DB) *gorm.DB {
	if tx != nil {
		return tx
	}
	return s.db.WithContext(ctx)
}
