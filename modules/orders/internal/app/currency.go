package app

import (
	"context"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/shared"
)

// This file is orders' one place for the currency module.

// convert is m in the currency code, as the currency module converts it.
func (s *Service) convert(ctx context.Context, m shared.Money, code string) (shared.Money, error) {
	return currency.Convert.Call(ctx, s.bus, currency.ConvertRequest{From: m, ToCode: code})
}
