// Package currency is the public contract of the currency module, Online
// Boutique's currency service: the currencies the shop can price in and
// exact conversion between them at fixed, euro-based rates.
//
//	reply, err := currency.Convert.Call(ctx, b, currency.ConvertRequest{From: price, ToCode: "JPY"})
//
// Both endpoints are queries, so they are safe to retry.
package currency

import (
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// SupportedCurrencies lists the ISO 4217 codes Convert accepts.
var SupportedCurrencies = bus.Endpoint[SupportedRequest, SupportedReply]("currency.SupportedCurrencies", bus.Idempotent(), bus.LastGood())

// SupportedRequest asks for the supported currencies; it has no parameters.
type SupportedRequest struct{}

// SupportedReply lists the supported currencies.
type SupportedReply struct {
	// CurrencyCodes are ISO 4217 codes, sorted.
	CurrencyCodes []string `json:"currency_codes"`
}

// Convert converts an amount into another currency, exactly: the result is
// rounded once, half to even, to whole nanos. Negative amounts (refunds)
// convert like positive ones. An amount whose result does not fit in Money
// is Invalid with field "from.units"; a currency not in the table is
// ErrUnsupportedCurrency.
var Convert = bus.Endpoint[ConvertRequest, shared.Money]("currency.Convert", bus.Idempotent(), bus.LastGood())

// ConvertRequest is an amount and the currency to express it in.
type ConvertRequest struct {
	// From is the amount to convert, in any supported currency.
	From shared.Money `json:"from"`
	// ToCode is the ISO 4217 code of the currency wanted.
	ToCode string `json:"to_code"`
}

// ErrUnsupportedCurrency is Invalid: a currency code that the rate table does
// not hold. Field names the input at fault, "from.currency_code" or "to_code".
var ErrUnsupportedCurrency = shared.NewReason(shared.CodeInvalid, "unsupported_currency", "unsupported currency")
