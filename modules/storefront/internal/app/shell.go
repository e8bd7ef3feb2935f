package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/currency"
)

// partCurrencies is the currency selector of the shop's pages: left out
// (the page offers only its own currency) when the currency module fails.
const partCurrencies = "currencies"

// Shell is what every shop page shows around its content: the currency
// the page is priced in, those the visitor may choose instead, and how
// many items their cart holds.
type Shell struct {
	Currency   string
	Currencies []string
	CartCount  int
}

// fetchCurrencies starts fetching the currencies a visitor may choose.
func (s *Service) fetchCurrencies(ctx context.Context) *part[[]string] {
	return fetch(ctx, s.cfg.OptionalTimeout, partCurrencies, s.currencies)
}

// shellOf is the shell of a page priced in code for a cart of count
// items; a missing currency list is recorded in d.
func shellOf(code string, currencies *part[[]string], count int, d *degraded) Shell {
	sh := Shell{Currency: code, Currencies: currencies.wait(d), CartCount: count}
	if len(sh.Currencies) == 0 {
		sh.Currencies = []string{code}
	}
	return sh
}

// currencies lists the currencies the shop prices in.
func (s *Service) currencies(ctx context.Context) ([]string, error) {
	rep, err := currency.SupportedCurrencies.Call(ctx, s.bus, currency.SupportedRequest{})
	if err != nil {
		return nil, fmt.Errorf("supported currencies: %w", err)
	}
	return rep.CurrencyCodes, nil
}
