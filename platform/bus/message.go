package bus

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// Tx is the publisher's open database transaction: the *gorm.DB that
// db.Transact hands to its function. The bus never looks inside — so that
// contracts link no database code — and passes it to the outbox, the
// Writer a process registers, which stores the message through it.
type Tx any

// Message is an event (every subscriber) or a command (one queue) on its way
// into the outbox.
type Message struct {
	Topic string
	// Queue, when set, sends the message to that one queue instead of
	// every subscriber of Topic: a command to a known module.
	Queue   string
	Payload []byte
	// Headers travel with the message (trace context, correlation id).
	Headers map[string]string
	// AvailableAt delays delivery; zero means now. Precision is one second.
	AvailableAt time.Time
}

// Writer stores m inside tx, so that it exists if and only if tx commits.
type Writer func(ctx context.Context, tx Tx, m Message) error

var writer atomic.Pointer[Writer]

// SetWriter installs the process's outbox, like a database/sql driver
// registering itself: package outbox does it when it is linked.
func SetWriter(w Writer) { writer.Store(&w) }

// write hands m to the registered Writer.
func write(ctx context.Context, tx Tx, m Message) error {
	w := writer.Load()
	if w == nil {
		return fmt.Errorf("publish %s: no outbox in this process (link platform/outbox)", m.Topic)
	}
	return (*w)(ctx, tx, m)
}

// ErrPoison marks a message that can never be handled (it does not decode,
// or nobody here subscribes to it). It is dead-lettered without retries.
var ErrPoison = errors.New("poison message")

// Delivery is one message arriving at one subscriber queue.
type Delivery struct {
	MessageID string
	Topic     string
	Queue     string
	Payload   []byte
	Headers   map[string]string
	// Attempt counts from 1.
	Attempt int
	// Transact runs fn in a transaction that first records the message in
	// the subscriber's inbox, and skips fn when the inbox already has it:
	// the effect of fn happens once however often the message arrives.
	Transact func(ctx context.Context, fn func(tx Tx) error) error
	// Complete records inside tx, a transaction of the subscriber's own,
	// that the delivery is done; see MarkDelivered.
	Complete func(tx Tx) error
}

type deliveryKey struct{}

// MarkDelivered records inside tx that the delivery ctx is handling is done,
// when ctx carries one: a Consume handler whose effect is one transaction
// calls it there, and the outbox then needs no transaction of its own to
// record the completion. Outside a delivery it does nothing.
func MarkDelivered(ctx context.Context, tx Tx) error {
	if d, ok := ctx.Value(deliveryKey{}).(*Delivery); ok && d.Complete != nil {
		return d.Complete(tx)
	}
	return nil
}
