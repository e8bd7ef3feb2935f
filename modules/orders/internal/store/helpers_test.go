package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var ctx = context.Background()

func migrate(t *testing.T, d *db.DB, m db.Migration) {
	t.Helper()
	if err := db.Migrate(ctx, d, []db.Migration{m}, testkit.Logger(t)); err != nil {
		t.Fatal(err)
	}
}

// open is the store on be's database with orders' tables.
func open(t *testing.T, be testkit.Backend) (*Orders, *db.DB) {
	t.Helper()
	d := be.Open(t)
	migrate(t, d, migrations.For("orders"))
	return New(d), d
}

// in runs fn in a transaction and fails t on an error.
func in(t *testing.T, d *db.DB, fn func(tx *gorm.DB) error) {
	t.Helper()
	if err := d.Transact(ctx, fn); err != nil {
		t.Fatal(err)
	}
}

func money(currency string, units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: currency, Units: units, Nanos: nanos}
}

// order is a priced order of quantity of each product, in currency.
func order(id, currency string, lines map[string]int32) orders.Order {
	o := orders.Order{ID: id, Email: "ada@example.com", Currency: currency, CheckoutMode: orders.ModeOrchestration,
		Address:      orders.Address{StreetAddress: "1 Main St", City: "Paris", State: "IDF", Country: "FR", ZipCode: "75001"},
		ShippingCost: money(currency, 5, 0), Total: money(currency, 5, 0)}
	for p, q := range lines {
		unit := money(currency, int64(len(p)), 250_000_000)
		total, _ := unit.Times(int64(q))
		o.Items = append(o.Items, orders.Line{ProductID: p, Name: "The " + p, Quantity: q, UnitPrice: unit, Total: total})
		o.Total, _ = o.Total.Add(total)
	}
	return o
}

// tables are every projection's tables, with their keys.
var tables = map[string]string{
	"orders_orders": "id", "orders_lines": "order_id, product_id", "orders_steps": "order_id, seq",
	"orders_customer_orders": "order_id", "orders_daily_sales": "day, product_id, currency",
}

// snapshot prints every row of the projections' tables, in key order.
func snapshot(t *testing.T, d *db.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for table, key := range tables {
		var rows []map[string]any
		if err := d.Raw("SELECT * FROM " + table + " ORDER BY " + key).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			cols := make([]string, 0, len(r))
			for c, v := range r {
				if tm, ok := v.(time.Time); ok {
					v = tm.UTC().Format(time.RFC3339Nano)
				}
				cols = append(cols, fmt.Sprintf("%s=%v", c, v))
			}
			sort.Strings(cols)
			out[table] = append(out[table], strings.Join(cols, " "))
		}
	}
	return out
}

// status is the named projection's status.
func status(t *testing.T, s *Orders, name string) orders.Projection {
	t.Helper()
	list, err := s.Projections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no projection %s in %v", name, list)
	return orders.Projection{}
}

// caughtUp runs the tailing runner until daily_sales has no event left. On
// PostgreSQL a transaction running anywhere on the server (another test's
// database included) holds its events back for a while.
func caughtUp(t *testing.T, s *Orders) {
	t.Helper()
	testkit.Eventually(t, 20*time.Second, func() bool {
		if err := s.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		return status(t, s, "daily_sales").Lag == 0
	}, func() string { return "daily_sales still lags" })
}
