package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/shared"
)

// TestContracts declares what shipping reads of the currency module when
// it quotes in another currency than USD.
func TestContracts(t *testing.T) {
	p := contract.Between("shipping", "currency")
	usd := shared.Money{CurrencyCode: "USD", Units: 8, Nanos: 990_000_000}
	contract.Expect(p, "converts a quote", currency.Convert, currency.ConvertRequest{From: usd, ToCode: "EUR"}).
		Given("EUR is supported").
		Reads(contract.Object(contract.Fields{"currency_code": contract.String(), "units": contract.Integer(), "nanos": contract.Integer()}))
	contract.Expect(p, "refuses an unsupported currency", currency.Convert, currency.ConvertRequest{From: usd, ToCode: "XYZ"}).
		Given("XYZ is not supported").
		Fails(currency.ErrUnsupportedCurrency)
	contract.Check(t, p)
}
