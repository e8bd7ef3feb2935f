package store

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/domain"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// upTo2 is orders' migrations before version 3, the events'.
func upTo2(t *testing.T) db.Migration {
	t.Helper()
	all := migrations.For("orders")
	old := fstest.MapFS{}
	for _, name := range []string{"00001_orders.sql", "00002_checkout_modes.sql"} {
		data, err := fs.ReadFile(all.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		old[name] = &fstest.MapFile{Data: data}
	}
	return db.Migration{Owner: "orders", FS: old}
}

var (
	day1 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	day2 = day1.Add(24 * time.Hour)
)

// oldOrders writes orders the way the state-sourced store did: a pending,
// a completed, a cancelled and a choreographed completed order with its
// timeline.
func oldOrders(t *testing.T, d *db.DB) {
	t.Helper()
	row := func(id, user, status, mode string, updated time.Time, extra map[string]any) map[string]any {
		r := map[string]any{
			"id": id, "user_id": user, "idempotency_key": "key-" + id, "status": status, "email": user + "@example.com", "currency": "EUR",
			"street_address": "1 Main St", "city": "Paris", "state": "IDF", "country": "FR", "zip_code": "75001",
			"shipping_units": 5, "shipping_nanos": 0, "total_units": 30, "total_nanos": 500_000_000,
			"checkout_mode": mode, "created_at": day1, "updated_at": updated, "tracking_id": "", "transaction_id": "", "reason": "",
		}
		for k, v := range extra {
			r[k] = v
		}
		return r
	}
	rows := []map[string]any{
		row("old-pending", "ada", orders.StatusPending, orders.ModeOrchestration, day1, nil),
		row("old-completed", "ada", orders.StatusCompleted, orders.ModeOrchestration, day2, map[string]any{"tracking_id": "TR-1", "transaction_id": "TX-1"}),
		row("old-cancelled", "bob", orders.StatusCancelled, orders.ModeOrchestration, day1.Add(time.Minute), map[string]any{"reason": "card declined"}),
		row("old-choreo", "bob", orders.StatusCompleted, orders.ModeChoreography, day1.Add(time.Hour), map[string]any{"tracking_id": "TR-2", "transaction_id": "TX-2"}),
	}
	var lines, steps []map[string]any
	for _, r := range rows {
		lines = append(lines,
			map[string]any{"order_id": r["id"], "product_id": "SOCKS", "name": "Socks", "quantity": 3, "unit_units": 2, "unit_nanos": 500_000_000},
			map[string]any{"order_id": r["id"], "product_id": "MUG", "name": "Mug", "quantity": 1, "unit_units": 18, "unit_nanos": 0})
	}
	for i, name := range []string{"reserve", "charge", "empty_cart"} {
		at := day1.Add(time.Duration(i*40) * time.Minute).Add(500 * time.Millisecond) // empty_cart after the completion
		steps = append(steps, map[string]any{"order_id": "old-choreo", "seq": i + 1, "name": name, "phase": "forward", "status": "succeeded",
			"error": "", "module": "m" + name, "event": name + ".v1", "trace_id": "t" + name, "finished_at": at})
	}
	for table, rs := range map[string][]map[string]any{"orders_orders": rows, "orders_lines": lines, "orders_steps": steps} {
		if err := d.Table(table).Create(rs).Error; err != nil {
			t.Fatalf("%s: %v", table, err)
		}
	}
}

// Orders written before event sourcing become their events when the
// schema moves on: each folds to the order it was, the lists and the
// daily sales are built from them, and the order view rebuilds to itself.
func TestMigrationTurnsOldOrdersIntoEvents(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		d := be.Open(t)
		migrate(t, d, upTo2(t))
		oldOrders(t, d)
		migrate(t, d, migrations.For("orders"))
		s := New(d)
		if err := s.CatchUpAll(ctx); err != nil {
			t.Fatal(err)
		}
		caughtUp(t, s)
		before := snapshot(t, d)

		wantTypes := map[string]string{
			"old-pending":   "order_placed",
			"old-completed": "order_placed order_completed",
			"old-cancelled": "order_placed order_cancelled",
			"old-choreo":    "order_placed order_step_recorded order_step_recorded order_completed order_step_recorded",
		}
		for id, want := range wantTypes {
			events, err := s.Events(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var types []string
			for _, e := range events {
				types = append(types, e.Type)
			}
			if got := strings.Join(types, " "); got != want {
				t.Errorf("%s's stream: %s, want %s", id, got, want)
			}
			st, err := domain.Fold(events)
			if err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			view, user, err := s.ByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(utc(st.Order), utc(view)) || st.UserID != user || st.Key != "key-"+id {
				t.Errorf("%s folds to\n%+v\nwhile the view holds\n%+v", id, st.Order, view)
			}
		}
		choreo, _, _ := s.ByID(ctx, "old-choreo")
		if choreo.CheckoutMode != orders.ModeChoreography || len(choreo.Steps) != 3 || choreo.Status != orders.StatusCompleted || choreo.Items[0].Total != money("EUR", 18, 0) {
			t.Errorf("old-choreo = %+v", choreo)
		}

		list, err := s.List(ctx, "ada")
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].Status == list[1].Status {
			t.Errorf("ada's list = %+v, want her pending and completed orders", list)
		}
		sales, err := s.Sales(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, x := range sales {
			got[x.Day+" "+x.ProductID] += x.Quantity
		}
		want := map[string]int64{"2026-03-01 SOCKS": 3, "2026-03-01 MUG": 1, "2026-03-02 SOCKS": 3, "2026-03-02 MUG": 1}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("daily sales = %v, want %v", got, want)
		}

		if err := s.Rebuild(ctx, "order_view"); err != nil {
			t.Fatal(err)
		}
		if after := snapshot(t, d); !reflect.DeepEqual(after, before) {
			t.Errorf("the order view rebuilt from the migrated events differs:\n%v\n%v", after["orders_orders"], before["orders_orders"])
		}
	})
}

// utc puts o's times in UTC, as the database hands them back in either.
func utc(o orders.Order) orders.Order {
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	steps := make([]orders.Step, len(o.Steps))
	for i, s := range o.Steps {
		s.StartedAt, s.FinishedAt = s.StartedAt.UTC(), s.FinishedAt.UTC()
		steps[i] = s
	}
	o.Steps = steps
	return o
}
