package outbox_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/testkit"
)

// TestCompletionMarkedTwiceInOneBatch: two marks of one delivery in one
// flush record it once (PostgreSQL refuses a statement that upserts a row
// twice, which would drop the whole batch).
func TestCompletionMarkedTwiceInOneBatch(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, nil)
		if err := p.DB.Transact(context.Background(), func(tx *gorm.DB) error {
			return outbox.MarkCompletedTwice(tx, "m1", "probe")
		}); err != nil {
			t.Fatal(err)
		}
		if n := count(t, p.DB, `SELECT COUNT(*) FROM jubako_outbox_deliveries WHERE message_id = 'm1' AND completed_at IS NOT NULL`); n != 1 {
			t.Errorf("%d completed rows, want 1", n)
		}
	})
}
