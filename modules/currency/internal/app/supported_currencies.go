package app

import (
	"context"

	"github.com/jubako/jubako/modules/currency"
)

// SupportedCurrencies serves currency.SupportedCurrencies: every code of the
// rate table, sorted.
func (s *Service) SupportedCurrencies(context.Context, currency.SupportedRequest) (currency.SupportedReply, error) {
	return currency.SupportedReply{CurrencyCodes: s.rates.Codes()}, nil
}
