package store

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/testkit"
)

// A rebuild of an inline projection waits for the appending transaction
// in flight, and ends holding its event: the runner never tails the
// inline projections, so a rebuild may leave nothing out.
func TestRebuildOfAnInlineProjectionWaitsForTheAppendInFlight(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s, d := open(t, be)
		in(t, d, func(tx *gorm.DB) error {
			return s.Insert(tx, order("o1", "EUR", map[string]int32{"MUG": 1}), "ada", "")
		})
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
		rebuilt := make(chan error, 1)
		go func() { rebuilt <- s.Rebuild(ctx, "order_view") }()
		select {
		case err := <-rebuilt:
			t.Fatalf("the rebuild ended (%v) while an append was in flight", err)
		case <-time.After(300 * time.Millisecond):
		}
		close(release)
		if err := <-late; err != nil {
			t.Fatal(err)
		}
		if err := <-rebuilt; err != nil {
			t.Fatal(err)
		}
		o, _, err := s.ByID(ctx, "o1")
		if err != nil {
			t.Fatal(err)
		}
		if o.Status != orders.StatusCompleted || o.TrackingID != "TR-1" {
			t.Errorf("after the rebuild, o1 is %s %q, want COMPLETED with its tracking id", o.Status, o.TrackingID)
		}
	})
}
