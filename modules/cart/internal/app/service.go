// Package app holds the cart's use cases, one per file.
package app

import (
	"strings"

	"github.com/jubako/jubako/modules/cart/internal/store"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// Service runs the cart's use cases. It asks the catalog, over the bus,
// whether a product exists.
type Service struct {
	db    *db.DB
	items *store.Items
	bus   *bus.Bus
}

// New returns the service.
func New(d *db.DB, items *store.Items, b *bus.Bus) *Service {
	return &Service{db: d, items: items, bus: b}
}

// maxIDLength bounds user and product ids, which are keys of cart_items.
const maxIDLength = 200

// validateID checks that the id in field is present and not absurdly long.
func validateID(field, id string) error {
	if strings.TrimSpace(id) == "" {
		return shared.Invalid(field, "is required")
	}
	if len(id) > maxIDLength {
		return shared.Invalid(field, "must be at most %d characters", maxIDLength)
	}
	return nil
}
