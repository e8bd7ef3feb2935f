// Package notification is the public contract of the notification module,
// Online Boutique's email service: order mails rendered from templates and
// sent at most once per order and kind.
package notification

import (
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// OrderLine is one line of an order as a mail shows it.
type OrderLine struct {
	ProductID string       `json:"product_id"`
	Name      string       `json:"name"`
	Quantity  int32        `json:"quantity"`
	Price     shared.Money `json:"price"`
}

// ConfirmationRequest asks for an order confirmation mail.
type ConfirmationRequest struct {
	OrderID    string       `json:"order_id"`
	Email      string       `json:"email"`
	Lines      []OrderLine  `json:"lines"`
	Shipping   shared.Money `json:"shipping"`
	Total      shared.Money `json:"total"`
	TrackingID string       `json:"tracking_id"`
}

// CancellationRequest asks for an order cancellation mail.
type CancellationRequest struct {
	OrderID string `json:"order_id"`
	Email   string `json:"email"`
	Reason  string `json:"reason"`
}

// SendReply identifies the mail; calling again for the same order and
// kind returns the same mail and sends nothing.
type SendReply struct {
	MailID string `json:"mail_id"`
}

// SendConfirmation sends the confirmation of an order, once per order.
var SendConfirmation = bus.Endpoint[ConfirmationRequest, SendReply]("notification.SendConfirmation", bus.Idempotent())

// SendCancellation sends the cancellation notice of an order, once per order.
var SendCancellation = bus.Endpoint[CancellationRequest, SendReply]("notification.SendCancellation", bus.Idempotent())

// MailsRequest selects the mails of one order.
type MailsRequest struct {
	OrderID string `json:"order_id"`
}

// Mail is a sent mail.
type Mail struct {
	ID      string    `json:"id"`
	OrderID string    `json:"order_id"`
	Kind    string    `json:"kind"`
	To      string    `json:"to"`
	Subject string    `json:"subject"`
	Body    string    `json:"body"`
	SentAt  time.Time `json:"sent_at"`
}

// MailsReply lists mails oldest first.
type MailsReply struct {
	Mails []Mail `json:"mails"`
}

// Mails lists the mails sent for an order (an admin query).
var Mails = bus.Endpoint[MailsRequest, MailsReply]("notification.Mails", bus.Idempotent())

// Mail kinds.
const (
	KindConfirmation = "confirmation"
	KindCancellation = "cancellation"
)
