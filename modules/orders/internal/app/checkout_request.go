package app

import (
	"net/mail"
	"regexp"
	"strings"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/shared"
)

var (
	currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)
	cardPattern     = regexp.MustCompile(`^[0-9 -]{12,23}$`)
)

const maxField = 200

// validateCheckout checks the form, naming the first bad field. Whether
// the card is accepted (Luhn, brand, expiry) is payment's call, made in the
// saga.
func validateCheckout(r orders.CheckoutRequest) error {
	if addr, err := mail.ParseAddress(r.Email); err != nil || addr.Address != r.Email || len(r.Email) > 254 {
		return shared.Invalid("email", "must be an email address like ada@example.com")
	}
	if !currencyPattern.MatchString(r.Currency) {
		return shared.Invalid("currency", "must be a three-letter currency code like USD, got %q", r.Currency)
	}
	required := []struct{ field, value string }{
		{"address.street_address", r.Address.StreetAddress}, {"address.city", r.Address.City},
		{"address.country", r.Address.Country}, {"address.zip_code", r.Address.ZipCode},
	}
	for _, f := range required {
		if strings.TrimSpace(f.value) == "" {
			return shared.Invalid(f.field, "is required")
		}
	}
	for _, f := range append(required, struct{ field, value string }{"address.state", r.Address.State}) {
		if len(f.value) > maxField {
			return shared.Invalid(f.field, "must be at most %d characters", maxField)
		}
	}
	return validateCard(r.CreditCard)
}

func validateCard(c orders.CreditCard) error {
	switch {
	case !cardPattern.MatchString(c.Number):
		return shared.Invalid("credit_card.number", "must be 12 to 19 digits")
	case c.ExpirationMonth < 1 || c.ExpirationMonth > 12:
		return shared.Invalid("credit_card.expiration_month", "must be 1 to 12, got %d", c.ExpirationMonth)
	case c.ExpirationYear < 2000 || c.ExpirationYear > 2100:
		return shared.Invalid("credit_card.expiration_year", "must be a four-digit year, got %d", c.ExpirationYear)
	case c.CVV < 0 || c.CVV > 9999:
		return shared.Invalid("credit_card.cvv", "must be 3 or 4 digits")
	}
	return nil
}

// fieldOf renames the field of an Invalid error from a participant to the
// caller's field, keeping the message.
func fieldOf(err error, field string) error {
	e := shared.AsError(err)
	if e.Code != shared.CodeInvalid {
		return err
	}
	c := *e
	c.Field = field
	return &c
}
