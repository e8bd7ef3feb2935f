package app

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/shared"
)

// Limits on the input the module accepts.
const (
	maxText     = 200
	maxReason   = 1000
	maxEmail    = 254
	maxLines    = 1000
	maxQuantity = 10000
)

// validateConfirmation checks a confirmation and returns the recipient's
// bare address.
func validateConfirmation(req notification.ConfirmationRequest) (string, error) {
	to, err := recipient(req.OrderID, req.Email)
	if err != nil {
		return "", err
	}
	if err := validateLines(req.Lines); err != nil {
		return "", err
	}
	if err := req.Shipping.Validate("shipping."); err != nil {
		return "", err
	}
	if err := req.Total.Validate("total."); err != nil {
		return "", err
	}
	return to, text("tracking_id", req.TrackingID, maxText, false)
}

// validateCancellation checks a cancellation and returns the recipient's
// bare address.
func validateCancellation(req notification.CancellationRequest) (string, error) {
	to, err := recipient(req.OrderID, req.Email)
	if err != nil {
		return "", err
	}
	if len(req.Reason) > maxReason {
		return "", shared.Invalid("reason", "must be at most %d characters", maxReason)
	}
	return to, nil
}

// recipient checks the order id and parses the mail address.
func recipient(orderID, email string) (string, error) {
	if err := text("order_id", orderID, maxText, true); err != nil {
		return "", err
	}
	if len(email) > maxEmail {
		return "", shared.Invalid("email", "must be at most %d characters", maxEmail)
	}
	addr, err := mail.ParseAddress(email)
	if err != nil {
		return "", shared.Invalid("email", "must be a mail address, got %q", email)
	}
	return addr.Address, nil
}

func validateLines(lines []notification.OrderLine) error {
	switch {
	case len(lines) == 0:
		return shared.Invalid("lines", "an order has at least one line")
	case len(lines) > maxLines:
		return shared.Invalid("lines", "at most %d lines, got %d", maxLines, len(lines))
	}
	for i, l := range lines {
		prefix := fmt.Sprintf("lines[%d].", i)
		if err := text(prefix+"name", l.Name, maxText, true); err != nil {
			return err
		}
		if l.Quantity < 1 || l.Quantity > maxQuantity {
			return shared.Invalid(prefix+"quantity", "must be from 1 to %d, got %d", maxQuantity, l.Quantity)
		}
		if err := l.Price.Validate(prefix + "price."); err != nil {
			return err
		}
	}
	return nil
}

// text checks a one-line field: no control characters, at most limit bytes
// and, when required, not blank.
func text(field, value string, limit int, required bool) error {
	switch {
	case required && strings.TrimSpace(value) == "":
		return shared.Invalid(field, "is required")
	case len(value) > limit:
		return shared.Invalid(field, "must be at most %d characters", limit)
	case strings.IndexFunc(value, unicode.IsControl) >= 0:
		return shared.Invalid(field, "must not contain control characters")
	}
	return nil
}
