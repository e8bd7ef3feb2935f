package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// Message is what a publisher hands to the outbox.
type Message struct {
	ID    string
	Topic string
	// Queue, when set, sends the message to that one queue instead of every
	// subscriber of Topic: a command to a known module (saga steps use it).
	Queue   string
	Payload []byte
	// Headers travel with the message (trace context, correlation id).
	Headers map[string]string
	// AvailableAt delays delivery; zero means now. Precision is one second.
	AvailableAt time.Time
}

// Write stores m in tx, the publisher's transaction: the message exists if
// and only if the transaction commits. It returns the message id.
func Write(_ context.Context, tx *gorm.DB, m Message) (string, error) {
	if tx == nil {
		return "", fmt.Errorf("outbox: publish %s: a transaction is required", m.Topic)
	}
	if m.ID == "" {
		m.ID = shared.NewID()
	}
	headers, err := json.Marshal(m.Headers)
	if err != nil {
		return "", fmt.Errorf("outbox: encode headers: %w", err)
	}
	now := db.Now()
	available := m.AvailableAt.UTC()
	if available.Before(now) {
		available = now
	}
	row := messageRow{ID: m.ID, Topic: m.Topic, Queue: m.Queue, Payload: string(m.Payload), Headers: string(headers), AvailableAt: available, CreatedAt: now}
	if err := tx.Create(&row).Error; err != nil {
		return "", fmt.Errorf("outbox: write %s: %w", m.Topic, err)
	}
	db.MarkOutbox(tx)
	return m.ID, nil
}
