package outbox

import "time"

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
