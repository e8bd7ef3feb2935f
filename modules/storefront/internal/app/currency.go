package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/shared"
)

// This file is the storefront's one place for the currency module: the
// currencies a caller may choose and the prices converted into them.

// Choice is the currency a caller asked for: Requested from the query
// (an unsupported one is an error), else Preferred from the cookie (an
// unsupported one falls back to the default).
type Choice struct {
	Requested string
	Preferred string
}

// currencyOf resolves the caller's choice to a supported currency.
func (s *Service) currencyOf(ctx context.Context, ch Choice) (string, error) {
	if ch.Requested == "" && ch.Preferred == "" {
		return s.cfg.DefaultCurrency, nil
	}
	supported, err := currency.SupportedCurrencies.Call(ctx, s.bus, currency.SupportedRequest{})
	if err != nil {
		return "", fmt.Errorf("supported currencies: %w", err)
	}
	if ch.Requested != "" {
		code := strings.ToUpper(ch.Requested)
		if !slices.Contains(supported.CurrencyCodes, code) {
			e := currency.ErrUnsupportedCurrency.With("currency %q is not supported", ch.Requested)
			e.Field = "currency"
			return "", e
		}
		return code, nil
	}
	if code := strings.ToUpper(ch.Preferred); slices.Contains(supported.CurrencyCodes, code) {
		return code, nil
	}
	return s.cfg.DefaultCurrency, nil
}

// price converts m into the page's currency.
func (s *Service) price(ctx context.Context, m shared.Money, code string) (shared.Money, error) {
	if m.CurrencyCode == code {
		return m, nil
	}
	out, err := currency.Convert.Call(ctx, s.bus, currency.ConvertRequest{From: m, ToCode: code})
	if err != nil {
		return shared.Money{}, fmt.Errorf("convert %s to %s: %w", m.CurrencyCode, code, err)
	}
	return out, nil
}

// Currency returns the supported currency code names (in any case);
// another is currency.ErrUnsupportedCurrency on "currency_code", the field
// of the shop's form.
func (s *Service) Currency(ctx context.Context, code string) (string, error) {
	if strings.TrimSpace(code) == "" {
		return "", shared.Invalid("currency_code", "choose a currency")
	}
	out, err := s.currencyOf(ctx, Choice{Requested: code})
	return out, fieldOf(err, "currency_code")
}

// fieldOf renames the field of an Invalid error.
func fieldOf(err error, field string) error {
	if e := shared.AsError(err); err != nil && e.Field != "" {
		c := *e
		c.Field = field
		return &c
	}
	return err
}
