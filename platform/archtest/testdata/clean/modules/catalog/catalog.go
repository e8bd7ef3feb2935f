// Package catalog is the contract of the fake catalog module.
package catalog

import (
	"context"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
	"github.com/jubako/jubako/shared/money"
)

// Product is a DTO.
type Product struct {
	ID    shared.ID
	Price money.Money
}

// Get is an endpoint.
var Get = bus.Endpoint[string, Product]("catalog.Get")

var _ = context.Background
