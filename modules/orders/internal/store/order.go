// Package store keeps orders in orders_orders and orders_lines.
package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

type orderRow struct {
	ID             string `gorm:"primaryKey"`
	UserID         string
	IdempotencyKey string
	Status         string
	Email          string
	Currency       string
	StreetAddress  string
	City           string
	State          string
	Country        string
	ZipCode        string
	ShippingUnits  int64
	ShippingNanos  int32
	TotalUnits     int64
	TotalNanos     int32
	TrackingID     string
	TransactionID  string
	Reason         string
	CheckoutMode   string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (orderRow) TableName() string { return "orders_orders" }

type lineRow struct {
	OrderID   string `gorm:"primaryKey"`
	ProductID string `gorm:"primaryKey"`
	Name      string
	Quantity  int32
	UnitUnits int64
	UnitNanos int32
}

func (lineRow) TableName() string { return "orders_lines" }

// Orders reads and writes orders.
type Orders struct{ db *db.DB }

// New returns the store.
func New(d *db.DB) *Orders { return &Orders{db: d} }

// Insert stores a new PENDING order, checked out in o.CheckoutMode, within
// tx. A second order with the same
// user and idempotency key violates a unique index: ErrDuplicateKey.
func (s *Orders) Insert(tx *gorm.DB, o orders.Order, userID, key string) error {
	now := db.Now()
	row := orderRow{
		ID: o.ID, UserID: userID, IdempotencyKey: key, Status: orders.StatusPending, Email: o.Email, Currency: o.Currency,
		StreetAddress: o.Address.StreetAddress, City: o.Address.City, State: o.Address.State, Country: o.Address.Country,
		ZipCode: o.Address.ZipCode, ShippingUnits: o.ShippingCost.Units, ShippingNanos: o.ShippingCost.Nanos,
		TotalUnits: o.Total.Units, TotalNanos: o.Total.Nanos, CheckoutMode: o.CheckoutMode, CreatedAt: now, UpdatedAt: now,
	}
	if err := tx.Create(&row).Error; err != nil {
		return err
	}
	lines := make([]lineRow, len(o.Items))
	for i, l := range o.Items {
		lines[i] = lineRow{OrderID: o.ID, ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, UnitUnits: l.UnitPrice.Units, UnitNanos: l.UnitPrice.Nanos}
	}
	return tx.Create(&lines).Error
}

// IDByKey finds the order a user placed with an idempotency key.
func (s *Orders) IDByKey(ctx context.Context, userID, key string) (string, bool, error) {
	var ids []string
	err := s.db.WithContext(ctx).Model(&orderRow{}).Where("user_id = ? AND idempotency_key = ?", userID, key).Limit(1).Pluck("id", &ids).Error
	if err != nil || len(ids) == 0 {
		return "", false, err
	}
	return ids[0], true, nil
}

// Get returns a user's order, or ErrOrderNotFound (also for another user's).
func (s *Orders) Get(ctx context.Context, id, userID string) (orders.Order, error) {
	o, _, err := s.find(ctx, s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID), id)
	return o, err
}

// ByID returns an order whoever placed it, and who did: an operator's
// look-up. An unknown id is ErrOrderNotFound.
func (s *Orders) ByID(ctx context.Context, id string) (orders.Order, string, error) {
	return s.find(ctx, s.db.WithContext(ctx).Where("id = ?", id), id)
}

func (s *Orders) find(ctx context.Context, q *gorm.DB, id string) (orders.Order, string, error) {
	var row orderRow
	err := q.Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return orders.Order{}, "", orders.ErrOrderNotFound.With("no order %q", id)
	}
	if err != nil {
		return orders.Order{}, "", err
	}
	var lines []lineRow
	if err := s.db.WithContext(ctx).Where("order_id = ?", id).Order("product_id").Find(&lines).Error; err != nil {
		return orders.Order{}, "", err
	}
	o, err := toOrder(row, lines)
	if err != nil {
		return orders.Order{}, "", err
	}
	o.Steps, err = s.steps(s.db.WithContext(ctx), id)
	return o, row.UserID, err
}

// List returns a user's orders, newest first, with their lines.
func (s *Orders) List(ctx context.Context, userID string) ([]orders.Order, error) {
	var rows []orderRow
	if err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("created_at DESC, id DESC").Limit(200).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]orders.Order, 0, len(rows))
	for _, r := range rows {
		var lines []lineRow
		if err := s.db.WithContext(ctx).Where("order_id = ?", r.ID).Order("product_id").Find(&lines).Error; err != nil {
			return nil, err
		}
		o, err := toOrder(r, lines)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// Complete marks an order COMPLETED within tx.
func (s *Orders) Complete(tx *gorm.DB, id, trackingID, transactionID string) error {
	return tx.Model(&orderRow{}).Where("id = ?", id).Updates(map[string]any{
		"status": orders.StatusCompleted, "tracking_id": trackingID, "transaction_id": transactionID, "updated_at": db.Now(),
	}).Error
}

// Cancel marks an order CANCELLED with the reason within tx. A cancelled
// order keeps no tracking or transaction id: what a choreographed checkout
// noted of them (Note) was undone.
func (s *Orders) Cancel(tx *gorm.DB, id, reason string) error {
	return tx.Model(&orderRow{}).Where("id = ?", id).Updates(map[string]any{
		"status": orders.StatusCancelled, "reason": reason, "tracking_id": "", "transaction_id": "", "updated_at": db.Now(),
	}).Error
}

type stepRow struct {
	OrderID    string `gorm:"primaryKey"`
	Seq        int    `gorm:"primaryKey"`
	Name       string
	Phase      string
	Status     string
	Error      string
	Module     string
	Event      string
	TraceID    string
	FinishedAt time.Time
}

func (stepRow) TableName() string { return "orders_steps" }

// RecordStep appends a step to the timeline of a choreographed order
// within tx: what a participant's event told of.
func (s *Orders) RecordStep(tx *gorm.DB, id string, st orders.Step) error {
	var last struct{ Seq *int }
	if err := tx.Model(&stepRow{}).Select("MAX(seq) AS seq").Where("order_id = ?", id).Scan(&last).Error; err != nil {
		return err
	}
	seq := 1
	if last.Seq != nil {
		seq = *last.Seq + 1
	}
	return tx.Create(&stepRow{
		OrderID: id, Seq: seq, Name: st.Name, Phase: st.Phase, Status: st.Status, Error: st.Error,
		Module: st.Module, Event: st.Event, TraceID: st.TraceID, FinishedAt: st.FinishedAt,
	}).Error
}

// steps reads the recorded timeline of the order id with q, in the order
// recorded; an orchestrated order has none (its saga keeps its log).
func (s *Orders) steps(q *gorm.DB, id string) ([]orders.Step, error) {
	var rows []stepRow
	if err := q.Where("order_id = ?", id).Order("seq").Find(&rows).Error; err != nil {
		return nil, err
	}
	var out []orders.Step
	for _, r := range rows {
		out = append(out, orders.Step{
			Name: r.Name, Phase: r.Phase, Status: r.Status, Attempt: 1, Error: r.Error, Module: r.Module,
			Event: r.Event, TraceID: r.TraceID, StartedAt: r.FinishedAt, FinishedAt: r.FinishedAt,
		})
	}
	return out, nil
}

func toOrder(r orderRow, lines []lineRow) (orders.Order, error) {
	o := orders.Order{
		ID: r.ID, Status: r.Status, Email: r.Email, Currency: r.Currency,
		Address:      orders.Address{StreetAddress: r.StreetAddress, City: r.City, State: r.State, Country: r.Country, ZipCode: r.ZipCode},
		ShippingCost: shared.Money{CurrencyCode: r.Currency, Units: r.ShippingUnits, Nanos: r.ShippingNanos},
		Total:        shared.Money{CurrencyCode: r.Currency, Units: r.TotalUnits, Nanos: r.TotalNanos},
		TrackingID:   r.TrackingID, TransactionID: r.TransactionID, CancellationReason: r.Reason, CheckoutMode: r.CheckoutMode,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Items: []orders.Line{},
	}
	for _, l := range lines {
		unit := shared.Money{CurrencyCode: r.Currency, Units: l.UnitUnits, Nanos: l.UnitNanos}
		total, err := unit.Times(int64(l.Quantity))
		if err != nil {
			return orders.Order{}, err
		}
		o.Items = append(o.Items, orders.Line{ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, UnitPrice: unit, Total: total})
	}
	return o, nil
}
