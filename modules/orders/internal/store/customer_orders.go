package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/domain"
)

// customerOrders is each customer's order list as GET /api/orders reads
// it: one row per order holding the order as the list shows it, so a list
// is one query. It is inline, like the order view.
var customerOrders = projection{name: "customer_orders", inline: true, tables: []string{"orders_customer_orders"}, apply: applyCustomerOrders}

type customerOrderRow struct {
	OrderID   string `gorm:"primaryKey"`
	UserID    string
	CreatedAt time.Time
	Version   int
	Document  string
}

func (customerOrderRow) TableName() string { return "orders_customer_orders" }

// applyCustomerOrders writes the order as stream makes it, unless the row
// already holds that version or a later one.
func applyCustomerOrders(tx *gorm.DB, _ domain.Event, stream []domain.Event) error {
	st, err := domain.Fold(stream)
	if err != nil {
		return err
	}
	o := st.Order
	o.Steps = nil
	doc, err := json.Marshal(o)
	if err != nil {
		return err
	}
	row := customerOrderRow{OrderID: o.ID, UserID: st.UserID, CreatedAt: o.CreatedAt, Version: st.Version, Document: string(doc)}
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "order_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"version", "document"}),
		Where:     clause.Where{Exprs: []clause.Expression{clause.Expr{SQL: "orders_customer_orders.version < excluded.version"}}},
	}).Create(&row).Error
}

// List returns a user's orders, newest first, with their lines.
func (s *Orders) List(ctx context.Context, userID string) ([]orders.Order, error) {
	var docs []string
	err := s.db.WithContext(ctx).Model(&customerOrderRow{}).Where("user_id = ?", userID).
		Order("created_at DESC, order_id DESC").Limit(200).Pluck("document", &docs).Error
	if err != nil {
		return nil, err
	}
	out := make([]orders.Order, len(docs))
	for i, d := range docs {
		if err := json.Unmarshal([]byte(d), &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}
