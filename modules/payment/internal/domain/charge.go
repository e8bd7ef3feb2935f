package domain

import (
	"strings"
	"time"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/shared"
)

// MaxKeyLength bounds idempotency keys and references.
const MaxKeyLength = 200

// refundKeyPrefix starts the ledger key of a refund: "refund:" + the key of
// the charge it refunds.
const refundKeyPrefix = "refund:"

// Entry is a ledger line with the idempotency key it was written under.
type Entry struct {
	payment.Entry
	Key string
}

// ValidateKey checks an idempotency key given in field. Keys starting with
// "refund:" are kept for refunds.
func ValidateKey(field, key string) error {
	switch {
	case strings.TrimSpace(key) == "":
		return shared.Invalid(field, "an idempotency key is required")
	case len(key) > MaxKeyLength:
		return shared.Invalid(field, "must be at most %d characters", MaxKeyLength)
	case strings.HasPrefix(key, refundKeyPrefix):
		return shared.Invalid(field, "must not start with %q", refundKeyPrefix)
	}
	return nil
}

// ValidateAmount checks that an amount to charge is well formed and above
// zero.
func ValidateAmount(m shared.Money) error {
	if err := m.Validate("amount."); err != nil {
		return err
	}
	if m.IsNegative() || (m.Units == 0 && m.Nanos == 0) {
		return shared.Invalid("amount.units", "must be more than zero, got %s", m)
	}
	return nil
}

// ValidateReference checks the reference a charge is filed under.
func ValidateReference(ref string) error {
	if len(ref) > MaxKeyLength {
		return shared.Invalid("reference", "must be at most %d characters", MaxKeyLength)
	}
	return nil
}

// SameCharge reports whether e records a charge of amount to card under
// reference, so that a repeated key is a retry and not a reuse.
func (e Entry) SameCharge(reference string, amount shared.Money, card Card) bool {
	return e.Kind == payment.KindCharge && e.Reference == reference && e.Amount == amount &&
		e.CardType == card.Type && e.CardLast4 == card.Last4
}

// RefundOf returns the refund of charge, in full, made at, as a new entry
// with its own id and transaction id.
func RefundOf(charge Entry, at time.Time) Entry {
	r := charge
	r.ID, r.TransactionID, r.CreatedAt = shared.NewID(), shared.NewID(), at
	r.Kind, r.Key = payment.KindRefund, RefundKey(charge.Key)
	r.Amount.Units, r.Amount.Nanos = -charge.Amount.Units, -charge.Amount.Nanos
	return r
}

// VoidOf returns the void of the charge key, made at: a tombstone under the
// charge's own key that moves no money. Its reference, transaction id,
// card and currency are empty, since no charge told them; its amount is
// zero.
func VoidOf(chargeKey string, at time.Time) Entry {
	return Entry{Key: chargeKey, Entry: payment.Entry{ID: shared.NewID(), Kind: payment.KindVoid, CreatedAt: at}}
}

// RefundKey is the ledger key of the refund of the charge made with key.
func RefundKey(chargeKey string) string { return refundKeyPrefix + chargeKey }
