// Package domain is the order aggregate, event-sourced: the events that
// happen to an order, the fold that makes its state of them, and the
// decisions that check a command against that state.
package domain

import (
	"encoding/json"
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/shared"
)

// The types of an order's events.
const (
	TypePlaced    = "order_placed"
	TypeCompleted = "order_completed"
	TypeCancelled = "order_cancelled"
	// TypeStepRecorded is a step of a choreographed checkout's timeline.
	TypeStepRecorded = "order_step_recorded"
	// TypeNoted keeps what a choreographed checkout learnt of a PENDING
	// order before it completes: its tracking or transaction id.
	TypeNoted = "order_noted"
)

// Event is one fact of an order's stream as recorded: Version counts from 1
// within the stream; Position orders all streams' events as appended.
type Event struct {
	Position   int64
	StreamID   string
	Version    int
	Type       string
	Payload    json.RawMessage
	OccurredAt time.Time
}

// Change is an event decided but not yet appended.
type Change struct {
	Type string
	Data any
}

// Placed is an order's first event: everything the customer ordered, at
// the prices quoted then.
type Placed struct {
	UserID         string         `json:"user_id"`
	IdempotencyKey string         `json:"idempotency_key"`
	Email          string         `json:"email"`
	Currency       string         `json:"currency"`
	Address        orders.Address `json:"address"`
	Lines          []PlacedLine   `json:"lines"`
	Shipping       shared.Money   `json:"shipping"`
	Total          shared.Money   `json:"total"`
	CheckoutMode   string         `json:"checkout_mode"`
}

// PlacedLine is a product of a placed order.
type PlacedLine struct {
	ProductID string       `json:"product_id"`
	Name      string       `json:"name"`
	Quantity  int32        `json:"quantity"`
	UnitPrice shared.Money `json:"unit_price"`
}

// Completed says the order was paid and shipped.
type Completed struct {
	TrackingID    string `json:"tracking_id"`
	TransactionID string `json:"transaction_id"`
}

// Noted is a tracking or transaction id a choreographed checkout learnt
// before the order completed; an empty field notes nothing.
type Noted struct {
	TrackingID    string `json:"tracking_id,omitempty"`
	TransactionID string `json:"transaction_id,omitempty"`
}

// Cancelled says the order was cancelled, and why.
type Cancelled struct {
	Reason string `json:"reason"`
}

// StepRecorded is a line of a choreographed checkout's timeline: what a
// participant's event told of.
type StepRecorded struct {
	Name       string    `json:"name"`
	Phase      string    `json:"phase"`
	Status     string    `json:"status"`
	Error      string    `json:"error,omitempty"`
	Module     string    `json:"module"`
	Event      string    `json:"event"`
	TraceID    string    `json:"trace_id,omitempty"`
	FinishedAt time.Time `json:"finished_at"`
}

// PlacedFrom is the placed event of a priced order.
func PlacedFrom(o orders.Order, userID, key string) Placed {
	p := Placed{
		UserID: userID, IdempotencyKey: key, Email: o.Email, Currency: o.Currency, Address: o.Address,
		Lines: make([]PlacedLine, len(o.Items)), Shipping: o.ShippingCost, Total: o.Total, CheckoutMode: o.CheckoutMode,
	}
	for i, l := range o.Items {
		p.Lines[i] = PlacedLine{ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, UnitPrice: l.UnitPrice}
	}
	return p
}
