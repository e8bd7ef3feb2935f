package app

import (
	"context"
	"errors"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/domain"
	"github.com/jubako/jubako/shared"
)

// Quote serves shipping.Quote: the flat USD rate (or nothing for an empty
// order) converted by the currency module to the requested currency, USD
// when none is given. The address plays no part in the price.
func (s *Service) Quote(ctx context.Context, req shipping.QuoteRequest) (shared.Money, error) {
	if err := domain.ValidateItems(req.Items, false); err != nil {
		return shared.Money{}, err
	}
	usd := domain.QuoteUSD(req.Items)
	code := req.Currency
	if code == "" || code == usd.CurrencyCode {
		return usd, nil
	}
	price, err := currency.Convert.Call(ctx, s.bus, currency.ConvertRequest{From: usd, ToCode: code})
	if errors.Is(err, currency.ErrUnsupportedCurrency) {
		e := *shared.AsError(err)
		e.Field = "currency"
		return shared.Money{}, &e
	}
	return price, err
}
