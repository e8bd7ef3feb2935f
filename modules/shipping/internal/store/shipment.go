// Package store keeps shipments in the module's own table,
// shipping_shipments. A row without a tracking id is the tombstone of a key
// cancelled before it was shipped. What shipping keeps of a choreographed
// order until it ships it is in shipping_orders.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/domain"
	"github.com/jubako/jubako/platform/db"
)

type shipmentRow struct {
	Key           string `gorm:"primaryKey"`
	TrackingID    *string
	Reference     string
	Status        string
	StreetAddress string
	City          string
	State         string
	Country       string
	ZipCode       string
	Items         string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (shipmentRow) TableName() string { return "shipping_shipments" }

func (r shipmentRow) shipment() (Shipment, error) {
	var items []shipping.Item
	if err := json.Unmarshal([]byte(r.Items), &items); err != nil {
		return Shipment{}, fmt.Errorf("shipment %s: items: %w", r.Key, err)
	}
	tracking := ""
	if r.TrackingID != nil {
		tracking = *r.TrackingID
	}
	return Shipment{Key: r.Key, Shipment: shipping.Shipment{
		TrackingID: tracking, Reference: r.Reference, Status: r.Status, Items: items,
		Address: shipping.Address{
			StreetAddress: r.StreetAddress, City: r.City, State: r.State, Country: r.Country, ZipCode: r.ZipCode,
		},
	}}, nil
}

// Shipment is a stored shipment with the key it was made with.
type Shipment struct {
	Key string
	shipping.Shipment
}

// IsTombstone reports whether sh records a key cancelled before it was
// shipped: it has no tracking id, since nothing was sent.
func (sh Shipment) IsTombstone() bool { return sh.TrackingID == "" }

// Shipments reads and writes shipping_shipments.
type Shipments struct{ db *db.DB }

// New returns the store.
func New(d *db.DB) *Shipments { return &Shipments{db: d} }

// ErrNotFound says no shipment has the key.
var ErrNotFound = errors.New("shipment not found")

// Insert stores sh unless a shipment with its key — or, by a rare chance,
// its tracking id — exists, within tx when not nil. The caller re-reads
// the key to learn which shipment won.
func (s *Shipments) Insert(ctx context.Context, tx *gorm.DB, sh Shipment) error {
	items, err := json.Marshal(sh.Items)
	if err != nil {
		return err
	}
	now := db.Now()
	a := sh.Address
	row := shipmentRow{
		Key: sh.Key, TrackingID: &sh.TrackingID, Reference: sh.Reference, Status: sh.Status,
		StreetAddress: a.StreetAddress, City: a.City, State: a.State, Country: a.Country, ZipCode: a.ZipCode,
		Items: string(items), CreatedAt: now, UpdatedAt: now,
	}
	return s.conn(ctx, tx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

// Tombstone records key as cancelled before it was shipped, unless a
// shipment with the key exists; it reports whether it recorded it. On
// PostgreSQL a concurrent Insert of the key makes this wait for its outcome.
func (s *Shipments) Tombstone(ctx context.Context, key string) (bool, error) {
	now := db.Now()
	row := shipmentRow{Key: key, Status: domain.StatusCancelled, Items: "[]", CreatedAt: now, UpdatedAt: now}
	res := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	return res.RowsAffected == 1, res.Error
}

// Get returns the shipment made with key, or ErrNotFound, within tx when
// not nil.
func (s *Shipments) Get(ctx context.Context, tx *gorm.DB, key string) (Shipment, error) {
	var r shipmentRow
	err := s.conn(ctx, tx).Where("key = ?", key).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Shipment{}, ErrNotFound
	}
	if err != nil {
		return Shipment{}, err
	}
	return r.shipment()
}

// SetStatus moves the shipment made with key from one status to another
// and reports whether this call moved it.
func (s *Shipments) SetStatus(ctx context.Context, key, from, to string) (bool, error) {
	res := s.db.WithContext(ctx).Model(&shipmentRow{}).Where("key = ? AND status = ?", key, from).
		Updates(map[string]any{"status": to, "updated_at": db.Now()})
	return res.RowsAffected == 1, res.Error
}

// ByReference lists the shipments made for reference, oldest first;
// tombstones were never shipped and are left out.
func (s *Shipments) ByReference(ctx context.Context, reference string) ([]shipping.Shipment, error) {
	var rows []shipmentRow
	err := s.db.WithContext(ctx).Where("reference = ? AND tracking_id IS NOT NULL", reference).Order("created_at, key").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]shipping.Shipment, 0, len(rows))
	for _, r := range rows {
		sh, err := r.shipment()
		if err != nil {
			return nil, err
		}
		out = append(out, sh.Shipment)
	}
	return out, nil
}

func (s *Shipments) conn(ctx context.Context, tx *gorm.DB) *gorm.DB {
	if tx != nil {
		return tx
	}
	return s.db.WithContext(ctx)
}
