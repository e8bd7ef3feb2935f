// Package domain holds the payment rules of Online Boutique's payment
// service: which cards are accepted, what a charge must carry, and what the
// ledger keeps of a card (its network and last four digits, never more).
package domain

import (
	"fmt"
	"strings"
	"time"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/shared"
)

// The card networks accepted.
const (
	Visa       = "VISA"
	MasterCard = "MasterCard"
)

// Card is all the ledger may know of a card.
type Card struct {
	Type  string
	Last4 string
}

// ValidateCard checks a card as of now and returns what may be kept of it.
// Errors are Invalid naming the field ("card.number", …) and never quote
// the number or the CVV.
func ValidateCard(c payment.CreditCard, now time.Time) (Card, error) {
	digits, err := cardDigits(c.Number)
	if err != nil {
		return Card{}, err
	}
	network := networkOf(digits)
	if network != Visa && network != MasterCard {
		return Card{}, numberError("only VISA and MasterCard are accepted, not %s", network)
	}
	if err := validateExpiry(c.ExpirationYear, c.ExpirationMonth, now.UTC()); err != nil {
		return Card{}, err
	}
	if c.CVV < 100 || c.CVV > 9999 {
		return Card{}, shared.Invalid("card.cvv", "must be 3 or 4 digits")
	}
	return Card{Type: network, Last4: digits[len(digits)-4:]}, nil
}

// cardDigits returns the digits of number, which may group them with
// spaces or dashes, or explains why it is no card number.
func cardDigits(number string) (string, error) {
	digits := strings.NewReplacer(" ", "", "-", "").Replace(number)
	if digits == "" {
		return "", numberError("a card number is required")
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return "", numberError("must contain only digits, spaces and dashes")
		}
	}
	if len(digits) < 12 || len(digits) > 19 {
		return "", numberError("must have 12 to 19 digits, got %d", len(digits))
	}
	if !luhnValid(digits) {
		return "", numberError("not a valid Luhn number")
	}
	return digits, nil
}

// IsDeclined reports whether number is the test card that is always
// declined.
func IsDeclined(number string) bool {
	return strings.NewReplacer(" ", "", "-", "").Replace(number) == payment.DeclinedCard
}

func numberError(format string, args ...any) error {
	e := payment.ErrCardNumber.With(format, args...)
	e.Field = "card.number"
	return e
}

// luhnValid applies the Luhn checksum to a string of digits.
func luhnValid(digits string) bool {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// validateExpiry accepts a card through the end of its expiration month.
// An expired card's error names the year when that is what lies in the
// past, the month otherwise.
func validateExpiry(year, month int32, now time.Time) error {
	switch {
	case month < 1 || month > 12:
		return shared.Invalid("card.expiration_month", "must be 1 to 12, got %d", month)
	case year < 1000 || year > 9999:
		return shared.Invalid("card.expiration_year", "must be a four-digit year, got %d", year)
	}
	thisYear, thisMonth := int32(now.Year()), int32(now.Month())
	if year*12+month >= thisYear*12+thisMonth {
		return nil
	}
	field := "card.expiration_month"
	if year < thisYear {
		field = "card.expiration_year"
	}
	return shared.Invalid(field, "card expired in %s", fmt.Sprintf("%04d-%02d", year, month))
}
