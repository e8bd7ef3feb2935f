package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/shared"
)

// TestContracts declares what shipping reads of the currency module when
// it quotes in another currency than USD, and what its step of the
// choreographed checkout reads of the purchase events.
func TestContracts(t *testing.T) {
	contract.Check(t, currencyPact(), purchasePact())
}

func currencyPact() *contract.Pact {
	p := contract.Between("shipping", "currency")
	usd := shared.Money{CurrencyCode: "USD", Units: 8, Nanos: 990_000_000}
	contract.Expect(p, "converts a quote", currency.Convert, currency.ConvertRequest{From: usd, ToCode: "EUR"}).
		Given("EUR is supported").
		Reads(contract.Object(contract.Fields{"currency_code": contract.String(), "units": contract.Integer(), "nanos": contract.Integer()}))
	contract.Expect(p, "refuses an unsupported currency", currency.Convert, currency.ConvertRequest{From: usd, ToCode: "XYZ"}).
		Given("XYZ is not supported").
		Fails(currency.ErrUnsupportedCurrency)
	return p
}

func purchasePact() *contract.Pact {
	p := contract.Between("shipping", "purchase")
	order := contract.Object(contract.Fields{"order_id": contract.String()})
	contract.Listen(p, "keeps the address and items of a placed order", purchase.OrderPlaced, contract.Object(contract.Fields{
		"order_id": contract.String(),
		"lines":    contract.Array(contract.Object(contract.Fields{"product_id": contract.String(), "quantity": contract.Integer()})),
		"address": contract.Object(contract.Fields{
			"street_address": contract.String(), "city": contract.String(), "state": contract.String(),
			"country": contract.String(), "zip_code": contract.String(),
		}),
	}))
	contract.Listen(p, "ships an order whose payment is charged", purchase.PaymentCharged, order)
	contract.Listen(p, "forgets an order out of stock", purchase.StockUnavailable, order)
	contract.Listen(p, "forgets an order whose payment failed", purchase.PaymentFailed, order)
	return p
}
