package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// shop places n random orders over several customers, products, currencies
// and days: each is placed, and then completed, cancelled or left
// pending, some with choreographed steps. It returns the quantities each
// product sold per "day currency product".
func shop(t *testing.T, s *Orders, d *db.DB, n int) map[string]int64 {
	t.Helper()
	r := rand.New(rand.NewPCG(13, 1000))
	products := []string{"MUG", "HAT", "SOCKS", "TANK", "LOAFERS", "CANDLE"}
	currencies := []string{"EUR", "USD", "JPY"}
	day0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	sold := map[string]int64{}
	for i := range n {
		at := day0.Add(time.Duration(r.IntN(5*24*60)) * time.Minute)
		s.now = func() time.Time { return at }
		lines := map[string]int32{}
		for range 1 + r.IntN(3) {
			lines[products[r.IntN(len(products))]] += int32(1 + r.IntN(4))
		}
		o := order(fmt.Sprintf("o%04d", i), currencies[r.IntN(len(currencies))], lines)
		user := fmt.Sprintf("customer-%d", r.IntN(7))
		in(t, d, func(tx *gorm.DB) error { return s.Insert(tx, o, user, fmt.Sprintf("key-%d", i)) })
		if r.IntN(3) == 0 {
			at = at.Add(time.Minute)
			step := orders.Step{Name: "reserve", Phase: "forward", Status: "succeeded", Module: "inventory", Event: "purchase.stock_reserved.v1", FinishedAt: at}
			in(t, d, func(tx *gorm.DB) error { return s.RecordStep(tx, o.ID, step) })
			in(t, d, func(tx *gorm.DB) error { return s.Note(tx, o.ID, "", "TX-"+o.ID) })
		}
		at = at.Add(time.Duration(r.IntN(36*60)) * time.Minute) // some end the next day
		switch r.IntN(4) {
		case 0, 1:
			in(t, d, func(tx *gorm.DB) error { return s.Complete(tx, o.ID, "TR-"+o.ID, "TX-"+o.ID) })
			for _, l := range o.Items {
				sold[at.Format("2006-01-02")+" "+o.Currency+" "+l.ProductID] += int64(l.Quantity)
			}
		case 2:
			in(t, d, func(tx *gorm.DB) error { return s.Cancel(tx, o.ID, "declined") })
		}
	}
	s.now = time.Now
	return sold
}

// After 1,000 random orders, applying the log again to the inline
// projections changes nothing, rebuilding each projection from the events
// gives back every row it had, and daily_sales holds what was sold.
func TestRebuildEqualsTheLiveReadModels(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s, d := open(t, be)
		want := shop(t, s, d, 1000)
		caughtUp(t, s)
		live := snapshot(t, d)
		for table := range tables {
			if len(live[table]) == 0 {
				t.Fatalf("%s is empty: the random shop proves nothing", table)
			}
		}
		// What orders does when it starts, from the beginning of the log:
		// the inline projections see their events again and change nothing.
		if err := d.Exec("UPDATE orders_projections SET xact = 0, position = 0 WHERE name <> 'daily_sales'").Error; err != nil {
			t.Fatal(err)
		}
		if err := s.CatchUpAll(ctx); err != nil {
			t.Fatal(err)
		}
		if again := snapshot(t, d); !reflect.DeepEqual(again, live) {
			t.Error("applying the log again to the inline projections changed them")
		}
		sales, err := s.Sales(ctx, 30)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, x := range sales {
			got[x.Day+" "+x.Revenue.CurrencyCode+" "+x.ProductID] += x.Quantity
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("daily_sales quantities:\n got %v\nwant %v", got, want)
		}
		list, err := s.Projections(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range list {
			name := p.Name
			if err := s.Rebuild(ctx, name); err != nil {
				t.Fatalf("rebuild %s: %v", name, err)
			}
			caughtUp(t, s)
			rebuilt := snapshot(t, d)
			for table := range tables {
				if !reflect.DeepEqual(rebuilt[table], live[table]) {
					t.Errorf("after rebuilding %s, %s differs: %d rows, was %d; first now %q, was %q",
						name, table, len(rebuilt[table]), len(live[table]), first(rebuilt[table]), first(live[table]))
				}
			}
			if p := status(t, s, name); p.Lag != 0 || p.Checkpoint == 0 {
				t.Errorf("after its rebuild, %+v: want lag 0 at the last event", p)
			}
		}
	})
}

func first(rows []string) string {
	if len(rows) == 0 {
		return ""
	}
	return rows[0]
}

func TestRebuildOfAnUnknownProjectionIsNotFound(t *testing.T) {
	s, _ := open(t, testkit.SQLite(t))
	err := s.Rebuild(ctx, "best_sellers")
	if !errors.Is(err, orders.ErrProjectionNotFound) {
		t.Fatalf("err = %v, want ErrProjectionNotFound", err)
	}
}
