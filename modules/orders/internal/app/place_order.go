package app

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/shared"
)

// MaxIdempotencyKey bounds the Idempotency-Key header.
const MaxIdempotencyKey = 200

// checkIdempotencyKey accepts at most MaxIdempotencyKey characters of
// printable UTF-8 text (or no key).
func checkIdempotencyKey(key string) error {
	if len(key) > MaxIdempotencyKey {
		return shared.Invalid("Idempotency-Key", "must be at most %d characters", MaxIdempotencyKey)
	}
	if !utf8.ValidString(key) || strings.ContainsFunc(key, unicode.IsControl) {
		return shared.Invalid("Idempotency-Key", "must be printable UTF-8 text")
	}
	return nil
}

// PlaceOrder turns the user's cart into a PENDING order, priced in the
// chosen currency with shipping quoted, and starts its checkout in the same
// transaction, in the configured mode: the saga, or (choreography) the
// purchase.OrderPlaced event, once payment holds the card. With an
// idempotency key, placing again returns the first order and starts
// nothing.
func (s *Service) PlaceOrder(ctx context.Context, userID, key string, req orders.CheckoutRequest) (string, error) {
	if err := checkIdempotencyKey(key); err != nil {
		return "", err
	}
	if key != "" {
		if id, ok, err := s.orders.IDByKey(ctx, userID, key); err != nil || ok {
			return id, err
		}
	}
	if err := validateCheckout(req); err != nil {
		return "", err
	}
	o, err := s.price(ctx, userID, req)
	if err != nil {
		return s.placedMeanwhile(ctx, userID, key, err)
	}
	if o.CheckoutMode == orders.ModeChoreography {
		if err := s.holdCard(ctx, o, req.CreditCard); err != nil {
			return s.placedMeanwhile(ctx, userID, key, err)
		}
	}
	err = s.db.Transact(ctx, func(tx *gorm.DB) error {
		if err := s.orders.Insert(tx, o, userID, key); err != nil {
			return err
		}
		return s.startCheckout(ctx, tx, o, userID, req)
	})
	if err != nil {
		if o.CheckoutMode == orders.ModeChoreography {
			err = errors.Join(err, s.releaseHold(ctx, o.ID))
		}
		return s.placedMeanwhile(ctx, userID, key, err)
	}
	return o.ID, nil
}

// placedMeanwhile answers err, unless another request with the same key
// placed its order since this one looked: then that order is the answer.
// The other request may have won the insert, or its checkout may already have
// emptied the cart this one found empty.
func (s *Service) placedMeanwhile(ctx context.Context, userID, key string, err error) (string, error) {
	if key != "" {
		if id, ok, lookupErr := s.orders.IDByKey(ctx, userID, key); lookupErr == nil && ok {
			return id, nil
		}
	}
	return "", err
}

// price builds the order from the cart: each product's USD price converted
// to the order currency, plus the shipping quote.
func (s *Service) price(ctx context.Context, userID string, req orders.CheckoutRequest) (orders.Order, error) {
	items, err := s.cartLines(ctx, userID)
	if err != nil {
		return orders.Order{}, err
	}
	if len(items) == 0 {
		return orders.Order{}, shared.Invalid("cart", "your cart is empty: add products before checking out")
	}
	o := orders.Order{ID: shared.NewID(), Email: req.Email, Currency: req.Currency, Address: req.Address, Items: []orders.Line{}, CheckoutMode: s.cfg.CheckoutMode}
	total := shared.Zero(req.Currency)
	for _, it := range items {
		line, err := s.priceLine(ctx, it, req.Currency)
		if err != nil {
			return orders.Order{}, err
		}
		if total, err = total.Add(line.Total); err != nil {
			return orders.Order{}, err
		}
		o.Items = append(o.Items, line)
	}
	if o.ShippingCost, err = s.quote(ctx, o.Address, o.Items, req.Currency); err != nil {
		return orders.Order{}, fieldOf(err, "currency")
	}
	o.Total, err = total.Add(o.ShippingCost)
	return o, err
}

// priceLine prices a line of the cart in the currency code.
func (s *Service) priceLine(ctx context.Context, it cartLine, code string) (orders.Line, error) {
	p, err := s.findProduct(ctx, it.ProductID)
	if err != nil {
		return orders.Line{}, err
	}
	unit, err := s.convert(ctx, p.PriceUSD, code)
	if err != nil {
		return orders.Line{}, fieldOf(err, "currency")
	}
	lineTotal, err := unit.Times(int64(it.Quantity))
	if err != nil {
		return orders.Line{}, err
	}
	return orders.Line{ProductID: p.ID, Name: p.Name, Quantity: it.Quantity, UnitPrice: unit, Total: lineTotal}, nil
}
