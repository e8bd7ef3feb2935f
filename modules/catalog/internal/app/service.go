// Package app holds the catalog's use cases, one per file.
package app

import (
	"github.com/jubako/jubako/modules/catalog/internal/store"
	"github.com/jubako/jubako/platform/db"
)

// Service runs the catalog's use cases.
type Service struct {
	db       *db.DB
	products *store.Products
}

// New returns the service.
func New(d *db.DB, products *store.Products) *Service {
	return &Service{db: d, products: products}
}
