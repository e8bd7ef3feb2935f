package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders/internal/domain"
	"github.com/jubako/jubako/shared"
)

// dailySales sums completed orders per product, day (UTC, of the
// completion) and currency: how many orders, units and revenue (the
// lines' totals, shipping aside). Only the tailing runner applies it.
var dailySales = projection{name: "daily_sales", types: []string{domain.TypeCompleted}, tables: []string{"orders_daily_sales"}, apply: applyDailySales}

// Sale is a product's sales of one day in one currency.
type Sale struct {
	Day       string
	ProductID string
	Name      string
	Orders    int64
	Quantity  int64
	Revenue   shared.Money
}

type saleRow struct {
	Day          string
	ProductID    string
	Currency     string
	Name         string
	Orders       int64
	Quantity     int64
	RevenueUnits int64
	RevenueNanos int64
}

func (saleRow) TableName() string { return "orders_daily_sales" }

// applyDailySales adds a completed order's lines to their day's sales.
func applyDailySales(tx *gorm.DB, e domain.Event, stream []domain.Event) error {
	if e.Type != domain.TypeCompleted {
		return nil
	}
	st, err := domain.Fold(stream)
	if err != nil {
		return err
	}
	day := e.OccurredAt.UTC().Format("2006-01-02")
	for _, l := range st.Order.Items {
		err := tx.Exec(`INSERT INTO orders_daily_sales (day, product_id, currency, name, orders, quantity, revenue_units, revenue_nanos)
VALUES (?, ?, ?, ?, 1, ?, ?, ?)
ON CONFLICT (day, product_id, currency) DO UPDATE SET name = excluded.name, orders = orders_daily_sales.orders + 1,
  quantity = orders_daily_sales.quantity + excluded.quantity,
  revenue_units = orders_daily_sales.revenue_units + excluded.revenue_units,
  revenue_nanos = orders_daily_sales.revenue_nanos + excluded.revenue_nanos`,
			day, l.ProductID, st.Order.Currency, l.Name, l.Quantity, l.Total.Units, l.Total.Nanos).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// Sales lists the sales of the latest days, newest day first, then by
// revenue within a currency.
func (s *Orders) Sales(ctx context.Context, days int) ([]Sale, error) {
	var recent []string
	err := s.db.WithContext(ctx).Model(&saleRow{}).Distinct("day").Order("day DESC").Limit(days).Pluck("day", &recent).Error
	if err != nil || len(recent) == 0 {
		return nil, err
	}
	var rows []saleRow
	err = s.db.WithContext(ctx).Where("day IN ?", recent).
		Order("day DESC, currency, revenue_units * 1000000000 + revenue_nanos DESC, product_id").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Sale, len(rows))
	for i, r := range rows {
		revenue := shared.Money{CurrencyCode: r.Currency, Units: r.RevenueUnits + r.RevenueNanos/1e9, Nanos: int32(r.RevenueNanos % 1e9)}
		out[i] = Sale{Day: r.Day, ProductID: r.ProductID, Name: r.Name, Orders: r.Orders, Quantity: r.Quantity, Revenue: revenue}
	}
	return out, nil
}
