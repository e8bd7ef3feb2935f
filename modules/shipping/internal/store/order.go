package store

import (
	"encoding/json"
	"errors"
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
	UpdatedAt     time.Time
}

func (orderRow) TableName() string { return "shipping_orders" }

// Order is what shipping keeps of a placed order until it ships it.
// Closed marks the tombstone of an order that failed before its shipment.
type Order struct {
	OrderID string
	Address shipping.Address
	Items   []shipping.Item
	Closed  bool
}

// Orders reads and writes shipping_orders.
type Orders struct{}

// NewOrders returns the store.
func NewOrders() *Orders { return &Orders{} }

// Keep stores o within tx unless the order is kept or closed already.
func (s *Orders) Keep(tx *gorm.DB, o Order) error {
	items, err := json.Marshal(o.Items)
	if err != nil {
		return err
	}
	a := o.Address
	row := orderRow{
		OrderID: o.OrderID, StreetAddress: a.StreetAddress, City: a.City, State: a.State, Country: a.Country, ZipCode: a.ZipCode,
		Items: string(items), UpdatedAt: db.Now(),
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

// Get returns the order kept under id within tx, and false when there is
// none.
func (s *Orders) Get(tx *gorm.DB, id string) (Order, bool, error) {
	var r orderRow
	err := tx.Where("order_id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Order{}, false, nil
	}
	if err != nil {
		return Order{}, false, err
	}
	o := Order{OrderID: r.OrderID, Closed: r.Closed, Address: shipping.Address{
		StreetAddress: r.StreetAddress, City: r.City, State: r.State, Country: r.Country, ZipCode: r.ZipCode,
	}}
	if err := json.Unmarshal([]byte(r.Items), &o.Items); err != nil {
		return Order{}, false, fmt.Errorf("kept order %s: items: %w", id, err)
	}
	return o, true, nil
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
