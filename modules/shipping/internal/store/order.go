package store

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/db"
)

type orderRow struct {
	OrderID       string `gorm:"primaryKey"`
	StreetAddress string
	City          string
	State         string
	Country       string
	ZipCode       string
	Items         string
	Closed        bool
	Charged       bool
	UpdatedAt     time.Time
}

func (orderRow) TableName() string { return "shipping_orders" }

// Order is what shipping keeps of a placed order until it ships it.
// Closed marks the tombstone of an order that failed before its shipment;
// Charged one charged before its placement came, which keeps nothing else.
type Order struct {
	OrderID string
	Address shipping.Address
	Items   []shipping.Item
	Closed  bool
	Charged bool
}

// Orders reads and writes shipping_orders.
type Orders struct{}

// NewOrders returns the store.
func NewOrders() *Orders { return &Orders{} }

// Keep stores o within tx unless a row for the order is there already,
// and returns the order's row as it is then (see Lock).
func (s *Orders) Keep(tx *gorm.DB, o Order) (Order, error) {
	items, err := json.Marshal(o.Items)
	if err != nil {
		return Order{}, err
	}
	a := o.Address
	return s.insertAndLock(tx, orderRow{
		OrderID: o.OrderID, StreetAddress: a.StreetAddress, City: a.City, State: a.State, Country: a.Country, ZipCode: a.ZipCode,
		Items: string(items), UpdatedAt: db.Now(),
	})
}

// MarkCharged records within tx that the order id is charged unless a row
// for it is there already, and returns its row as it is then (see Lock).
func (s *Orders) MarkCharged(tx *gorm.DB, id string) (Order, error) {
	return s.insertAndLock(tx, orderRow{OrderID: id, Items: "[]", Charged: true, UpdatedAt: db.Now()})
}

// insertAndLock inserts row unless its order has one, then reads the
// order's row and, on PostgreSQL, locks it until tx ends: of a placement
// and a charge handled at once, one inserts and the other, having waited
// for it, finds its row.
func (s *Orders) insertAndLock(tx *gorm.DB, row orderRow) (Order, error) {
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return Order{}, err
	}
	var r orderRow
	if err := db.ForUpdate(tx).Where("order_id = ?", row.OrderID).Take(&r).Error; err != nil {
		return Order{}, err
	}
	return toOrder(r)
}

func toOrder(r orderRow) (Order, error) {
	o := Order{OrderID: r.OrderID, Closed: r.Closed, Charged: r.Charged, Address: shipping.Address{
		StreetAddress: r.StreetAddress, City: r.City, State: r.State, Country: r.Country, ZipCode: r.ZipCode,
	}}
	if err := json.Unmarshal([]byte(r.Items), &o.Items); err != nil {
		return Order{}, fmt.Errorf("kept order %s: items: %w", r.OrderID, err)
	}
	return o, nil
}

// Delete forgets the order kept under id, within tx.
func (s *Orders) Delete(tx *gorm.DB, id string) error {
	return tx.Where("order_id = ?", id).Delete(&orderRow{}).Error
}

// Close empties the order kept under id and marks it closed within tx, or
// records it closed when it is not kept yet, so that a late Keep keeps
// nothing.
func (s *Orders) Close(tx *gorm.DB, id string) error {
	row := orderRow{OrderID: id, Items: "[]", Closed: true, UpdatedAt: db.Now()}
	return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error
}
