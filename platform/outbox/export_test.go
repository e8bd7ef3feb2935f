package outbox

import (
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
)

// Running reports whether an outbox runs on d, for tests that must publish
// only once the fast path is in place.
func Running(d *db.DB) bool { return running(d) != nil }

// MarkCompletedTwice marks one delivery completed twice in one batch, as
// the completer does for a delivery that ran twice within its delay.
func MarkCompletedTwice(tx *gorm.DB, messageID, queue string) error {
	c := completion{messageID, queue}
	return markCompleted(tx, c, c)
}
