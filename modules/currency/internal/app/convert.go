package app

import (
	"context"
	"math/big"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/shared"
)

// Convert serves currency.Convert. The amount goes through the euro exactly
// (amount / rate[from] * rate[to]) and is rounded once, half to even, to
// whole nanos.
func (s *Service) Convert(_ context.Context, req currency.ConvertRequest) (shared.Money, error) {
	fromRate, err := s.rate(req.From.CurrencyCode, "from.currency_code")
	if err != nil {
		return shared.Money{}, err
	}
	if err := req.From.Validate("from."); err != nil {
		return shared.Money{}, err
	}
	toRate, err := s.rate(req.ToCode, "to_code")
	if err != nil {
		return shared.Money{}, err
	}
	euros := new(big.Rat).Quo(req.From.Rat(), fromRate)
	out, err := shared.MoneyFromRat(req.ToCode, euros.Mul(euros, toRate))
	if err != nil {
		return shared.Money{}, shared.Invalid("from.units", "%s is too large to express in %s", req.From, req.ToCode)
	}
	return out, nil
}

// rate looks code up, or returns ErrUnsupportedCurrency naming field.
func (s *Service) rate(code, field string) (*big.Rat, error) {
	rate, ok := s.rates.Rate(code)
	if !ok {
		e := currency.ErrUnsupportedCurrency.With("currency %q is not supported", code)
		e.Field = field
		return nil, e
	}
	return rate, nil
}
