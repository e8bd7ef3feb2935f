package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/domain"
	"github.com/jubako/jubako/shared"
)

// orderView is the order as GET /api/orders/{id} and the console read it:
// a row of orders_orders with its lines in orders_lines and, when
// choreographed, its timeline in orders_steps. It is inline: applied in
// the appending transaction.
var orderView = projection{name: "order_view", inline: true, tables: []string{"orders_steps", "orders_lines", "orders_orders"}, apply: applyOrderView}

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
	Version        int
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

// applyOrderView writes the order as stream makes it, unless the row
// already holds that version or a later one; a placed event adds the
// lines, a recorded step its row of the timeline.
func applyOrderView(tx *gorm.DB, e domain.Event, stream []domain.Event) error {
	st, err := domain.Fold(stream)
	if err != nil {
		return err
	}
	o := st.Order
	row := orderRow{
		ID: o.ID, UserID: st.UserID, IdempotencyKey: st.Key, Status: o.Status, Email: o.Email, Currency: o.Currency,
		StreetAddress: o.Address.StreetAddress, City: o.Address.City, State: o.Address.State, Country: o.Address.Country,
		ZipCode: o.Address.ZipCode, ShippingUnits: o.ShippingCost.Units, ShippingNanos: o.ShippingCost.Nanos,
		TotalUnits: o.Total.Units, TotalNanos: o.Total.Nanos, TrackingID: o.TrackingID, TransactionID: o.TransactionID,
		Reason: o.CancellationReason, CheckoutMode: o.CheckoutMode, Version: st.Version, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
	err = tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "id"}},
		DoUpdates: clause.AssignmentColumns([]string{"status", "tracking_id", "transaction_id", "reason", "version", "updated_at"}),
		Where:     clause.Where{Exprs: []clause.Expression{clause.Expr{SQL: "orders_orders.version < excluded.version"}}},
	}).Create(&row).Error
	switch {
	case err != nil:
		return err
	case e.Type == domain.TypeStepRecorded:
		return applyStep(tx, o)
	case e.Type != domain.TypePlaced || len(o.Items) == 0:
		return nil
	}
	lines := make([]lineRow, len(o.Items))
	for i, l := range o.Items {
		lines[i] = lineRow{OrderID: o.ID, ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, UnitUnits: l.UnitPrice.Units, UnitNanos: l.UnitPrice.Nanos}
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&lines).Error
}

// applyStep writes the order's last step as the seq'th of its timeline.
func applyStep(tx *gorm.DB, o orders.Order) error {
	st := o.Steps[len(o.Steps)-1]
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&stepRow{
		OrderID: o.ID, Seq: len(o.Steps), Name: st.Name, Phase: st.Phase, Status: st.Status, Error: st.Error,
		Module: st.Module, Event: st.Event, TraceID: st.TraceID, FinishedAt: st.FinishedAt,
	}).Error
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
		return orders.Order{}, "", errNotFound(id)
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
	o.Steps, err = s.steps(ctx, id)
	return o, row.UserID, err
}

// steps reads the recorded timeline of the order id, oldest first; an
// orchestrated order has none (its saga keeps its log).
func (s *Orders) steps(ctx context.Context, id string) ([]orders.Step, error) {
	var rows []stepRow
	if err := s.db.WithContext(ctx).Where("order_id = ?", id).Order("seq").Find(&rows).Error; err != nil {
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
