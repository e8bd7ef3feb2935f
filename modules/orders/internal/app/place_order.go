package app

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/shipping"
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
// chosen currency with shipping quoted, and starts its checkout saga in the
// same transaction. With an idempotency key, placing again returns the first
// order and starts nothing.
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
		return "", err
	}
	state := newCheckoutState(o, userID, req)
	err = s.db.Transact(ctx, func(tx *gorm.DB) error {
		if err := s.orders.Insert(tx, o, userID, key); err != nil {
			return err
		}
		return s.checkout.Start(ctx, tx, o.ID, state)
	})
	if err != nil && key != "" {
		// Another request with the same key won the race: answer with its order.
		if id, ok, lookupErr := s.orders.IDByKey(ctx, userID, key); lookupErr == nil && ok {
			return id, nil
		}
	}
	return o.ID, err
}

// price builds the order from the cart: each product's USD price converted
// to the order currency, plus the shipping quote.
func (s *Service) price(ctx context.Context, userID string, req orders.CheckoutRequest) (orders.Order, error) {
	c, err := cart.GetCart.Call(ctx, s.bus, cart.GetCartRequest{UserID: userID})
	if err != nil {
		return orders.Order{}, err
	}
	if len(c.Items) == 0 {
		return orders.Order{}, shared.Invalid("cart", "your cart is empty: add products before checking out")
	}
	o := orders.Order{ID: shared.NewID(), Email: req.Email, Currency: req.Currency, Address: req.Address, Items: []orders.Line{}}
	total := shared.Zero(req.Currency)
	items := make([]shipping.Item, 0, len(c.Items))
	for _, it := range c.Items {
		line, err := s.priceLine(ctx, it, req.Currency)
		if err != nil {
			return orders.Order{}, err
		}
		if total, err = total.Add(line.Total); err != nil {
			return orders.Order{}, err
		}
		o.Items = append(o.Items, line)
		items = append(items, shipping.Item{ProductID: it.ProductID, Quantity: it.Quantity})
	}
	quote, err := shipping.Quote.Call(ctx, s.bus, shipping.QuoteRequest{Address: shipping.Address(req.Address), Items: items, Currency: req.Currency})
	if err != nil {
		return orders.Order{}, fieldOf(err, "currency")
	}
	o.ShippingCost = quote
	o.Total, err = total.Add(quote)
	return o, err
}

func (s *Service) priceLine(ctx context.Context, it cart.Item, code string) (orders.Line, error) {
	p, err := catalog.GetProduct.Call(ctx, s.bus, catalog.GetProductRequest{ID: it.ProductID})
	if errors.Is(err, catalog.ErrProductNotFound) {
		return orders.Line{}, shared.Invalid("cart", "product %s is no longer sold: remove it from your cart", it.ProductID)
	}
	if err != nil {
		return orders.Line{}, err
	}
	unit, err := currency.Convert.Call(ctx, s.bus, currency.ConvertRequest{From: p.PriceUSD, ToCode: code})
	if err != nil {
		return orders.Line{}, fieldOf(err, "currency")
	}
	lineTotal, err := unit.Times(int64(it.Quantity))
	if err != nil {
		return orders.Line{}, err
	}
	return orders.Line{ProductID: p.ID, Name: strings.TrimSpace(p.Name), Quantity: it.Quantity, UnitPrice: unit, Total: lineTotal}, nil
}
