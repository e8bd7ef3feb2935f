package app

import (
	"context"
	"errors"
	"strings"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/shared"
)

// This file is orders' one place for the catalog module: the products an
// order is priced from.

// product is what an order needs of a catalog product.
type product struct {
	ID, Name string
	PriceUSD shared.Money
}

// findProduct looks the product id up; one the catalog no longer sells is
// a problem of the customer's cart.
func (s *Service) findProduct(ctx context.Context, id string) (product, error) {
	p, err := catalog.GetProduct.Call(ctx, s.bus, catalog.GetProductRequest{ID: id})
	if errors.Is(err, catalog.ErrProductNotFound) {
		return product{}, shared.Invalid("cart", "product %s is no longer sold: remove it from your cart", id)
	}
	if err != nil {
		return product{}, err
	}
	return product{ID: p.ID, Name: strings.TrimSpace(p.Name), PriceUSD: p.PriceUSD}, nil
}
