package outbox

import (
	"fmt"
	"time"
)

// messageRow is one published message, written in the publisher's transaction.
type messageRow struct {
	ID           string `gorm:"primaryKey"`
	Topic        string
	Queue        string
	Payload      string
	Headers      string
	AvailableAt  time.Time
	CreatedAt    time.Time
	DispatchedAt *time.Time
}

func (messageRow) TableName() string { return "jubako_outbox" }

// deliveryRow tracks one message's task in one subscriber queue until the
// subscriber completed it (or it was dead-lettered).
type deliveryRow struct {
	MessageID    string `gorm:"primaryKey"`
	Queue        string `gorm:"primaryKey"`
	DispatchedAt time.Time
	CheckedAt    *time.Time
	CompletedAt  *time.Time
	DeadAt       *time.Time
	LastError    string
	Resent       int
	// Owner is the process running the delivery in memory (the fast path),
	// or "" when asynq carries it.
	Owner string
}

func (deliveryRow) TableName() string { return "jubako_outbox_deliveries" }

// inboxRow records that a subscriber handled a message; its primary key makes
// the handler's effect happen once.
type inboxRow struct {
	Queue     string `gorm:"primaryKey"`
	MessageID string `gorm:"primaryKey"`
	HandledAt time.Time
}

func (inboxRow) TableName() string { return "jubako_inbox" }

func taskID(messageID, queue string) string { return messageID + ":" + queue }

// currentTaskID is the id of the delivery's latest task: a re-send gets a
// fresh id, so that it never collides with a task Redis still holds.
func (d deliveryRow) currentTaskID() string {
	if d.Resent == 0 {
		return taskID(d.MessageID, d.Queue)
	}
	return fmt.Sprintf("%s:r%d", taskID(d.MessageID, d.Queue), d.Resent)
}
