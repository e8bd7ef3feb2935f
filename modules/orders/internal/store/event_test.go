package store

import (
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders/internal/domain"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// Two transactions append the same version of one stream: the first to
// commit wins, the other fails with ErrConcurrentAppend and appends
// nothing. On PostgreSQL the second waits on the unique index until the
// first commits; on SQLite it waits for the one write lock.
func TestConcurrentAppendOfOneVersionConflicts(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s, d := open(t, be)
		in(t, d, func(tx *gorm.DB) error {
			return s.Insert(tx, order("o1", "EUR", map[string]int32{"MUG": 1}), "ada", "")
		})
		complete := []domain.Change{{Type: domain.TypeCompleted, Data: domain.Completed{TrackingID: "TR"}}}
		cancel := []domain.Change{{Type: domain.TypeCancelled, Data: domain.Cancelled{Reason: "late"}}}

		appended, release, firstDone := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		go func() {
			firstDone <- d.Transact(ctx, func(tx *gorm.DB) error {
				if _, err := appendEvents(tx, "o1", 1, complete, s.now()); err != nil {
					return err
				}
				close(appended)
				<-release
				return nil
			})
		}()
		<-appended
		secondDone := make(chan error, 1)
		go func() {
			secondDone <- d.Transact(ctx, func(tx *gorm.DB) error {
				_, err := appendEvents(tx, "o1", 1, cancel, s.now())
				return err
			})
		}()
		time.Sleep(200 * time.Millisecond) // the second is waiting now
		close(release)
		if err := <-firstDone; err != nil {
			t.Fatalf("first append: %v", err)
		}
		err := <-secondDone
		if !errors.Is(err, ErrConcurrentAppend) || !errors.Is(err, shared.ErrConflict) {
			t.Fatalf("second append: %v, want ErrConcurrentAppend (a Conflict)", err)
		}
		events, err := s.Events(ctx, "o1")
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 2 || events[1].Type != domain.TypeCompleted {
			t.Errorf("stream = %+v, want placed then completed", events)
		}
	})
}
