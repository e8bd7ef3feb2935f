package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/shared"
)

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

// cards prices products as cards, concurrently.
func (s *Service) cards(ctx context.Context, products []catalog.Product, code string) ([]storefront.Card, error) {
	out := make([]storefront.Card, len(products))
	g, ctx := errgroup.WithContext(ctx)
	for i, p := range products {
		g.Go(func() error {
			price, err := s.price(ctx, p.PriceUSD, code)
			out[i] = storefront.Card{ID: p.ID, Name: p.Name, Picture: p.Picture, Price: price}
			return err
		})
	}
	return out, g.Wait()
}
