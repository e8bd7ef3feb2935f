// Package domain holds the inventory's rules: what a valid reservation
// request is and when two requests under one key are the same.
package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/shared"
)

// Limits on a reservation request.
const (
	MaxLines     = 100
	MaxQuantity  = 10_000
	MaxKeyLength = 200
	MaxIDLength  = 100
)

// Reservation is a reservation with the lines it holds, sorted by product.
type Reservation struct {
	inventory.Reservation
	Reference string
	Lines     []inventory.Line
}

// ValidateReserve checks a request and returns its lines sorted by product
// id, the order in which stock rows are locked. Errors name the field,
// lines[i] counting from the request's own order.
func ValidateReserve(req inventory.ReserveRequest) ([]inventory.Line, error) {
	if err := ValidateKey(req.Key); err != nil {
		return nil, err
	}
	if len(req.Reference) > MaxKeyLength {
		return nil, shared.Invalid("reference", "must be at most %d characters", MaxKeyLength)
	}
	switch {
	case len(req.Lines) == 0:
		return nil, shared.Invalid("lines", "at least one line is required")
	case len(req.Lines) > MaxLines:
		return nil, shared.Invalid("lines", "at most %d lines are allowed, got %d", MaxLines, len(req.Lines))
	}
	seen := make(map[string]int, len(req.Lines))
	for i, l := range req.Lines {
		if err := validateLine(i, l, seen); err != nil {
			return nil, err
		}
	}
	return SortLines(req.Lines), nil
}

func validateLine(i int, l inventory.Line, seen map[string]int) error {
	if err := ValidateProductID(fmt.Sprintf("lines[%d].product_id", i), l.ProductID); err != nil {
		return err
	}
	if first, dup := seen[l.ProductID]; dup {
		return shared.Invalid(fmt.Sprintf("lines[%d].product_id", i), "product %q is already in lines[%d]", l.ProductID, first)
	}
	seen[l.ProductID] = i
	if l.Quantity < 1 || l.Quantity > MaxQuantity {
		return shared.Invalid(fmt.Sprintf("lines[%d].quantity", i), "must be between 1 and %d, got %d", MaxQuantity, l.Quantity)
	}
	return nil
}

// ValidateKey checks a reservation key.
func ValidateKey(key string) error {
	switch {
	case strings.TrimSpace(key) == "":
		return shared.Invalid("key", "an idempotency key is required")
	case len(key) > MaxKeyLength:
		return shared.Invalid("key", "must be at most %d characters", MaxKeyLength)
	}
	return nil
}

// ValidateProductID checks a product id given in field.
func ValidateProductID(field, id string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return shared.Invalid(field, "a product id is required")
	case len(id) > MaxIDLength:
		return shared.Invalid(field, "must be at most %d characters", MaxIDLength)
	}
	return nil
}

// SortLines returns a copy of lines sorted by product id.
func SortLines(lines []inventory.Line) []inventory.Line {
	out := slices.Clone(lines)
	slices.SortFunc(out, func(a, b inventory.Line) int { return strings.Compare(a.ProductID, b.ProductID) })
	return out
}

// Unexpiring is the expiry of a choreographed order's reservation. The
// order's own events end it — a failed or refunded payment releases it, the
// shipment commits it — and never the clock: stock released while the
// order is being charged or shipped might be sold to someone else before
// the shipment commits it.
var Unexpiring = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)

// Tombstone is what Release records for a key never reserved: a RELEASED
// reservation without lines, made at, that holds no stock and never will.
func Tombstone(key string, at time.Time) Reservation {
	return Reservation{Reservation: inventory.Reservation{Key: key, Status: inventory.StatusReleased, ExpiresAt: at}}
}

// IsTombstone reports whether r was recorded by a Release of a key never
// reserved. Reserve requires at least one line, so only tombstones have
// none.
func (r Reservation) IsTombstone() bool { return len(r.Lines) == 0 }

// SameRequest reports whether a stored reservation was made by a request
// with this reference and these sorted lines, so that reusing its key is a
// retry rather than a conflict.
func (r Reservation) SameRequest(reference string, sorted []inventory.Line) bool {
	return r.Reference == reference && slices.Equal(r.Lines, sorted)
}
