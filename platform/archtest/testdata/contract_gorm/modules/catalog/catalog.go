// Package catalog is a contract that leaks its storage.
package catalog

import (
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared/money"
)

// Product leaks a gorm model.
type Product struct {
	gorm.Model
	Price money.Money
	At    time.Time
}

var _, _ = bus.Endpoint, db.Open
