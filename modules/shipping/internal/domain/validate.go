// Package domain holds shipping's rules: what a valid address and item list
// are, what shipping costs, and how tracking ids look. It does no I/O.
package domain

import (
	"fmt"
	"strings"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/shared"
)

// Limits on the input the module accepts.
const (
	MaxText     = 200
	MaxItems    = 1000
	MaxQuantity = 10000
)

// ValidateAddress checks a destination: street_address, city, country and
// zip_code are required, every field (state too) at most MaxText long.
// Fields are named under prefix ("address." gives "address.zip_code").
func ValidateAddress(prefix string, a shipping.Address) error {
	for _, f := range []struct {
		name, value string
		required    bool
	}{
		{"street_address", a.StreetAddress, true},
		{"city", a.City, true},
		{"state", a.State, false},
		{"country", a.Country, true},
		{"zip_code", a.ZipCode, true},
	} {
		if err := Text(prefix+f.name, f.value, f.required); err != nil {
			return err
		}
	}
	return nil
}

// ValidateItems checks each item: a product id and a quantity from 1 to
// MaxQuantity, named "items[i].quantity". required refuses an empty list.
func ValidateItems(items []shipping.Item, required bool) error {
	switch {
	case required && len(items) == 0:
		return shared.Invalid("items", "at least one item is required")
	case len(items) > MaxItems:
		return shared.Invalid("items", "at most %d items, got %d", MaxItems, len(items))
	}
	for i, it := range items {
		prefix := fmt.Sprintf("items[%d].", i)
		if err := Text(prefix+"product_id", it.ProductID, true); err != nil {
			return err
		}
		if it.Quantity < 1 || it.Quantity > MaxQuantity {
			return shared.Invalid(prefix+"quantity", "must be from 1 to %d, got %d", MaxQuantity, it.Quantity)
		}
	}
	return nil
}

// Text checks one text field: at most MaxText long and, when required, not
// blank.
func Text(field, value string, required bool) error {
	switch {
	case required && strings.TrimSpace(value) == "":
		return shared.Invalid(field, "is required")
	case len(value) > MaxText:
		return shared.Invalid(field, "must be at most %d characters", MaxText)
	}
	return nil
}
