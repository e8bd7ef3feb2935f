package app

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/shared"
)

// AddItem adds a catalog product to the user's cart and returns the cart.
// The addition and the cap check are one statement, so concurrent adds all
// count and none pushes a product past cart.MaxQuantity.
func (s *Service) AddItem(ctx context.Context, req cart.AddItemRequest) (cart.Cart, error) {
	if err := validateAdd(req); err != nil {
		return cart.Cart{}, err
	}
	if err := s.checkProduct(ctx, req.ProductID); err != nil {
		return cart.Cart{}, err
	}
	out := cart.Cart{UserID: req.UserID}
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		added, err := s.items.Add(tx, req.UserID, req.ProductID, req.Quantity)
		if err != nil {
			return err
		}
		if !added {
			return s.tooMany(tx, req)
		}
		out.Items, err = s.items.List(ctx, tx, req.UserID)
		return err
	})
	if err != nil {
		return cart.Cart{}, err
	}
	return out, nil
}

func validateAdd(req cart.AddItemRequest) error {
	if err := validateID("user_id", req.UserID); err != nil {
		return err
	}
	if err := validateID("product_id", req.ProductID); err != nil {
		return err
	}
	if req.Quantity < 1 || req.Quantity > cart.MaxQuantity {
		return shared.Invalid("quantity", "must be between 1 and %d, got %d", cart.MaxQuantity, req.Quantity)
	}
	return nil
}

// checkProduct asks the catalog whether the product exists. An unknown
// product is bad input to the cart, not a missing cart resource.
func (s *Service) checkProduct(ctx context.Context, id string) error {
	_, err := catalog.GetProduct.Call(ctx, s.bus, catalog.GetProductRequest{ID: id})
	if errors.Is(err, catalog.ErrProductNotFound) {
		return shared.Invalid("product_id", "unknown product %q", id)
	}
	return err
}

// tooMany builds cart.ErrTooMany, saying how many the cart already holds.
func (s *Service) tooMany(tx *gorm.DB, req cart.AddItemRequest) error {
	held, err := s.items.Quantity(tx, req.UserID, req.ProductID)
	if err != nil {
		return err
	}
	e := cart.ErrTooMany.With("the cart holds %d of %q; adding %d would pass the limit of %d",
		held, req.ProductID, req.Quantity, cart.MaxQuantity)
	e.Field = "quantity"
	return e
}
