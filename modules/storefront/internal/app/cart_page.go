package app

import (
	"context"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/shared"
)

// CartLine is a product in the cart, priced in the page's currency.
type CartLine struct {
	Product  storefront.Card
	Quantity int32
	Total    shared.Money
}

// CartView is the cart page: its lines, shipping and total priced in the
// visitor's currency, and products recommended next to them.
type CartView struct {
	Shell
	Lines           []CartLine
	Shipping        shared.Money
	Total           shared.Money
	Recommendations []storefront.Card
	Degraded        []string
}

// CartView composes userID's cart page. The cart, its prices and the
// shipping quote are the page; recommendations (next to what the cart
// holds, none for an empty cart) are optional.
func (s *Service) CartView(ctx context.Context, userID string, ch Choice) (CartView, error) {
	code, err := s.currencyOf(ctx, ch)
	if err != nil {
		return CartView{}, err
	}
	currencies := s.fetchCurrencies(ctx)
	items, err := s.cartItems(ctx, userID)
	if err != nil {
		return CartView{}, err
	}
	var recs *part[[]storefront.Card]
	if len(items) > 0 {
		ids := make([]string, len(items))
		for i, it := range items {
			ids[i] = it.ProductID
		}
		recs = fetch(ctx, s.cfg.OptionalTimeout, storefront.PartRecommendations, s.recommended(code, ids...))
	}
	var v CartView
	if v.Lines, err = s.cartLines(ctx, items, code); err != nil {
		return CartView{}, err
	}
	if v.Shipping, v.Total, err = s.totals(ctx, v.Lines, code); err != nil {
		return CartView{}, err
	}
	var d degraded
	count := 0
	for _, l := range v.Lines {
		count += int(l.Quantity)
	}
	v.Shell = shellOf(code, currencies, count, &d)
	if recs != nil {
		v.Recommendations = recs.wait(&d)
	}
	v.Degraded = d.list()
	return v, nil
}

// cartLines prices the cart's items in code; products the catalog no
// longer sells are left out.
func (s *Service) cartLines(ctx context.Context, items []cartItem, code string) ([]CartLine, error) {
	ids := make([]string, len(items))
	quantity := map[string]int32{}
	for i, it := range items {
		ids[i], quantity[it.ProductID] = it.ProductID, it.Quantity
	}
	found, err := s.products(ctx, ids)
	if err != nil {
		return nil, err
	}
	cards, err := s.cards(ctx, found, code)
	if err != nil {
		return nil, err
	}
	lines := make([]CartLine, len(cards))
	for i, c := range cards {
		total, err := c.Price.Times(int64(quantity[c.ID]))
		if err != nil {
			return nil, err
		}
		lines[i] = CartLine{Product: c, Quantity: quantity[c.ID], Total: total}
	}
	return lines, nil
}

// totals quotes shipping for the lines and adds everything up, in code.
func (s *Service) totals(ctx context.Context, lines []CartLine, code string) (shipping, total shared.Money, err error) {
	if shipping, err = s.quote(ctx, lines, code); err != nil {
		return shared.Money{}, shared.Money{}, err
	}
	total = shipping
	for _, l := range lines {
		if total, err = total.Add(l.Total); err != nil {
			return shared.Money{}, shared.Money{}, err
		}
	}
	return shipping, total, nil
}
