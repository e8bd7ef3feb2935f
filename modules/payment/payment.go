// Package payment is the public contract of the payment module, after
// Online Boutique's payment service: VISA and MasterCard, Luhn-checked, not
// expired. Charges and refunds are idempotent per key and recorded in a
// ledger that keeps only the card's last four digits.
package payment

import (
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// CreditCard is what a customer types in.
type CreditCard struct {
	Number          string `json:"number"`
	CVV             int32  `json:"cvv"`
	ExpirationYear  int32  `json:"expiration_year"`
	ExpirationMonth int32  `json:"expiration_month"`
}

// ChargeRequest charges Amount to Card. Key makes it idempotent: a retried
// charge with the same key returns the first result and never charges twice.
type ChargeRequest struct {
	Key       string       `json:"key"`
	Reference string       `json:"reference"`
	Amount    shared.Money `json:"amount"`
	Card      CreditCard   `json:"card"`
}

// ChargeReply identifies the charge.
type ChargeReply struct {
	TransactionID string `json:"transaction_id"`
	CardLast4     string `json:"card_last4"`
}

// Charge charges a card. Bad card data is shared.ErrInvalid naming the field
// and the reason; the test card 4000000000000002 is valid but ErrDeclined.
// A Refund with the key before its Charge makes the Charge fail with
// ErrVoided, charging nothing.
var Charge = bus.Endpoint[ChargeRequest, ChargeReply]("payment.Charge", bus.Idempotent())

// RefundRequest refunds the charge made with ChargeKey, in full.
type RefundRequest struct {
	ChargeKey string `json:"charge_key"`
}

// RefundReply identifies the refund; Refunded is false when no charge was
// made with the key before the refund (nothing to refund).
type RefundReply struct {
	RefundID string `json:"refund_id"`
	Refunded bool   `json:"refunded"`
}

// Refund refunds a charge. Refunding twice refunds once. A Refund before
// its Charge voids the key: it records a void, answers Refunded false, and
// a later Charge with the key fails with ErrVoided, so a charge that
// arrives after its compensation never takes money.
var Refund = bus.Endpoint[RefundRequest, RefundReply]("payment.Refund", bus.Idempotent())

// HoldCardRequest keeps Card to charge Amount under Reference (an order id)
// once the choreographed checkout asks for it.
type HoldCardRequest struct {
	Reference string       `json:"reference"`
	Amount    shared.Money `json:"amount"`
	Card      CreditCard   `json:"card"`
}

// HoldCardReply says the card is held.
type HoldCardReply struct {
	CardLast4 string `json:"card_last4"`
}

// HoldCard is how a choreographed checkout hands its card to payment
// without putting it in any event: payment keeps the card under the
// reference until it charges it (purchase.stock_reserved.v1), the checkout
// fails, or the hold expires unused. Holding again under the same
// reference replaces the hold. Bad card data is shared.ErrInvalid naming
// the field, as for Charge.
var HoldCard = bus.Endpoint[HoldCardRequest, HoldCardReply]("payment.HoldCard", bus.Idempotent())

// ReleaseHoldRequest names the reference whose held card is to be
// forgotten.
type ReleaseHoldRequest struct {
	Reference string `json:"reference"`
}

// ReleaseHoldReply says whether a card was held under the reference.
type ReleaseHoldReply struct {
	Released bool `json:"released"`
}

// ReleaseHold forgets the card held under a reference that will never be
// charged (its order was not placed after all); releasing twice releases
// once.
var ReleaseHold = bus.Endpoint[ReleaseHoldRequest, ReleaseHoldReply]("payment.ReleaseHold", bus.Idempotent())

// LedgerRequest selects ledger entries by the reference given when charging.
type LedgerRequest struct {
	Reference string `json:"reference"`
}

// Entry is one ledger line: a charge (positive) or a refund (negative).
type Entry struct {
	ID            string       `json:"id"`
	Kind          string       `json:"kind"`
	TransactionID string       `json:"transaction_id"`
	Reference     string       `json:"reference"`
	Amount        shared.Money `json:"amount"`
	CardType      string       `json:"card_type"`
	CardLast4     string       `json:"card_last4"`
	CreatedAt     time.Time    `json:"created_at"`
}

// LedgerReply lists entries oldest first.
type LedgerReply struct {
	Entries []Entry `json:"entries"`
}

// Ledger lists the charges and refunds filed under a reference (an admin
// query); voids move no money and are not listed.
var Ledger = bus.Endpoint[LedgerRequest, LedgerReply]("payment.Ledger", bus.Idempotent())

// Ledger entry kinds. Ledger reports charges and refunds only.
const (
	KindCharge = "charge"
	KindRefund = "refund"
	// KindVoid marks a charge key refunded before any charge was made
	// with it. It moves no money, so the Ledger endpoint never lists it.
	KindVoid = "void"
)

// DeclinedCard is valid but always declined, for tests and demos.
const DeclinedCard = "4000000000000002"

// Errors of the payment module.
var (
	ErrDeclined   = shared.NewReason(shared.CodeConflict, "card_declined", "card declined")
	ErrKeyReused  = shared.NewReason(shared.CodeConflict, "key_reused", "idempotency key reused with other data")
	ErrCardNumber = shared.NewReason(shared.CodeInvalid, "invalid_card", "invalid card")
	// ErrVoided refuses a charge whose key was refunded before it came.
	ErrVoided = shared.NewReason(shared.CodeConflict, "charge_voided", "charge key voided by an earlier refund")
)
