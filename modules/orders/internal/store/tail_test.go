package store

import (
	"testing"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// On PostgreSQL a position is taken at insert, not at commit: here the
// completion of o1 takes the lower position but commits after that of
// o2. A projection that tailed positions would read o2's, move its
// checkpoint past o1's and never see it. daily_sales waits while o1's
// transaction runs, then applies both. (SQLite has one writer: positions
// are in commit order there, and the case cannot arise.)
func TestTailingProjectionWaitsForALateCommit(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		if be.Driver != db.Postgres {
			t.Skip("SQLite has one writer: positions are in commit order")
		}
		lateCommit(t, be)
	})
}

func lateCommit(t *testing.T, be testkit.Backend) {
	s, d := open(t, be)
	in(t, d, func(tx *gorm.DB) error {
		return s.Insert(tx, order("o1", "EUR", map[string]int32{"MUG": 1}), "ada", "")
	})
	in(t, d, func(tx *gorm.DB) error {
		return s.Insert(tx, order("o2", "EUR", map[string]int32{"HAT": 2}), "bob", "")
	})
	if err := s.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}

	appended, release, late := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		late <- d.Transact(ctx, func(tx *gorm.DB) error {
			if err := s.Complete(tx, "o1", "TR-1", "TX-1"); err != nil {
				return err
			}
			close(appended)
			<-release
			return nil
		})
	}()
	<-appended
	in(t, d, func(tx *gorm.DB) error { return s.Complete(tx, "o2", "TR-2", "TX-2") })
	if err := s.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if got := sold(t, s); len(got) != 0 {
		t.Errorf("while o1's transaction runs, daily_sales = %v, want nothing yet", got)
	}
	held := status(t, s, "daily_sales")

	close(release)
	if err := <-late; err != nil {
		t.Fatal(err)
	}
	positions := map[string]int64{}
	for _, id := range []string{"o1", "o2"} {
		events, err := s.Events(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		positions[id] = events[len(events)-1].Position
	}
	if positions["o1"] >= positions["o2"] {
		t.Fatalf("positions %v: o1's completion should have the lower one", positions)
	}

	if held.Checkpoint >= positions["o1"] {
		t.Errorf("while o1's transaction ran, the checkpoint moved to %d, past o1's completion at %d", held.Checkpoint, positions["o1"])
	}
	caughtUp(t, s)
	if got := sold(t, s); got["MUG"] != 1 || got["HAT"] != 2 {
		t.Errorf("daily_sales = %v, want MUG 1 and HAT 2", got)
	}
}

// sold sums daily_sales' quantities per product.
func sold(t *testing.T, s *Orders) map[string]int64 {
	t.Helper()
	sales, err := s.Sales(ctx, 30)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, x := range sales {
		out[x.ProductID] += x.Quantity
	}
	return out
}
