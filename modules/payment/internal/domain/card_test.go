package domain_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/internal/domain"
	"github.com/jubako/jubako/shared"
)

// now is mid-March 2026; cards expiring in March 2026 are still good.
var now = time.Date(2026, time.March, 15, 12, 0, 0, 0, time.UTC)

func card(number string, year, month, cvv int32) payment.CreditCard {
	return payment.CreditCard{Number: number, ExpirationYear: year, ExpirationMonth: month, CVV: cvv}
}

func TestValidateCardAccepts(t *testing.T) {
	for _, tc := range []struct {
		name string
		card payment.CreditCard
		want domain.Card
	}{
		{"VISA", card("4111111111111111", 2030, 1, 123), domain.Card{Type: "VISA", Last4: "1111"}},
		{"VISA with spaces", card("4111 1111 1111 1111", 2030, 1, 123), domain.Card{Type: "VISA", Last4: "1111"}},
		{"VISA with dashes", card("4012-8888-8888-1881", 2030, 1, 123), domain.Card{Type: "VISA", Last4: "1881"}},
		{"MasterCard 5-series", card("5555555555554444", 2030, 1, 123), domain.Card{Type: "MasterCard", Last4: "4444"}},
		{"MasterCard 2-series", card("2223003122003222", 2030, 1, 123), domain.Card{Type: "MasterCard", Last4: "3222"}},
		{"MasterCard 2720", card("2720990000000007", 2030, 1, 123), domain.Card{Type: "MasterCard", Last4: "0007"}},
		{"expires this month", card("4111111111111111", 2026, 3, 123), domain.Card{Type: "VISA", Last4: "1111"}},
		{"four-digit CVV", card("4111111111111111", 2026, 12, 1234), domain.Card{Type: "VISA", Last4: "1111"}},
		{"declined card is still valid", card(payment.DeclinedCard, 2030, 1, 123), domain.Card{Type: "VISA", Last4: "0002"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := domain.ValidateCard(tc.card, now)
			if err != nil || got != tc.want {
				t.Errorf("ValidateCard = %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestValidateCardRejects(t *testing.T) {
	for _, tc := range []struct {
		name    string
		card    payment.CreditCard
		field   string
		message string
	}{
		{"empty number", card("", 2030, 1, 123), "card.number", "required"},
		{"letters", card("4111x11111111111", 2030, 1, 123), "card.number", "only digits"},
		{"too short", card("41111111111", 2030, 1, 123), "card.number", "12 to 19 digits"},
		{"too long", card("41111111111111111111", 2030, 1, 123), "card.number", "12 to 19 digits"},
		{"bad Luhn", card("4111111111111112", 2030, 1, 123), "card.number", "not a valid Luhn number"},
		{"American Express", card("378282246310005", 2030, 1, 123), "card.number", "only VISA and MasterCard are accepted, not American Express"},
		{"Discover", card("6011111111111117", 2030, 1, 123), "card.number", "not Discover"},
		{"JCB", card("3530111333300000", 2030, 1, 123), "card.number", "not JCB"},
		{"unknown network", card("1234567812345670", 2030, 1, 123), "card.number", "not an unknown card type"},
		{"2-series below MasterCard's range", card("2220990000000002", 2030, 1, 123), "card.number", "only VISA and MasterCard"},
		{"month 13", card("4111111111111111", 2030, 13, 123), "card.expiration_month", "1 to 12"},
		{"month 0", card("4111111111111111", 2030, 0, 123), "card.expiration_month", "1 to 12"},
		{"two-digit year", card("4111111111111111", 30, 1, 123), "card.expiration_year", "four-digit year"},
		{"expired last month", card("4111111111111111", 2026, 2, 123), "card.expiration_month", "card expired in 2026-02"},
		{"expired last year", card("4111111111111111", 2025, 12, 123), "card.expiration_year", "card expired in 2025-12"},
		{"expired long ago", card("4111111111111111", 2020, 1, 123), "card.expiration_year", "card expired in 2020-01"},
		{"two-digit CVV", card("4111111111111111", 2030, 1, 12), "card.cvv", "3 or 4 digits"},
		{"five-digit CVV", card("4111111111111111", 2030, 1, 12345), "card.cvv", "3 or 4 digits"},
		{"no CVV", card("4111111111111111", 2030, 1, 0), "card.cvv", "3 or 4 digits"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := domain.ValidateCard(tc.card, now)
			e := shared.AsError(err)
			if !errors.Is(err, shared.ErrInvalid) || e.Field != tc.field || !strings.Contains(e.Message, tc.message) {
				t.Fatalf("ValidateCard: %v; want Invalid naming %q, saying %q", err, tc.field, tc.message)
			}
			if (tc.field == "card.number") != errors.Is(err, payment.ErrCardNumber) {
				t.Errorf("errors.Is(%v, ErrCardNumber) = %v", err, !errors.Is(err, payment.ErrCardNumber))
			}
			digits := strings.NewReplacer(" ", "", "-", "").Replace(tc.card.Number)
			if len(digits) > 4 && strings.Contains(e.Message, digits[:len(digits)-4]) {
				t.Errorf("message %q quotes the card number", e.Message)
			}
		})
	}
}

// A card is good through the end of its month, whatever the time of day or
// the caller's time zone; the comparison is made in UTC.
func TestExpiryIsComparedByUTCMonth(t *testing.T) {
	lastInstant := time.Date(2026, time.March, 31, 23, 59, 59, 0, time.UTC)
	tokyo := time.FixedZone("JST", 9*3600)
	for _, tc := range []struct {
		name string
		at   time.Time
		ok   bool
	}{
		{"last second of the month", lastInstant, true},
		{"first second of the next month", lastInstant.Add(time.Second), false},
		{"April already in Tokyo, March in UTC", lastInstant.In(tokyo), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := domain.ValidateCard(card("4111111111111111", 2026, 3, 123), tc.at)
			if (err == nil) != tc.ok {
				t.Errorf("ValidateCard at %s: %v, want ok=%v", tc.at, err, tc.ok)
			}
		})
	}
}

func TestValidateAmount(t *testing.T) {
	for _, tc := range []struct {
		name  string
		m     shared.Money
		field string
	}{
		{"positive", shared.Money{CurrencyCode: "USD", Units: 1}, ""},
		{"one nano", shared.Money{CurrencyCode: "USD", Nanos: 1}, ""},
		{"zero", shared.Money{CurrencyCode: "USD"}, "amount.units"},
		{"negative", shared.Money{CurrencyCode: "USD", Units: -1}, "amount.units"},
		{"negative nanos", shared.Money{CurrencyCode: "USD", Nanos: -5}, "amount.units"},
		{"no currency", shared.Money{Units: 1}, "amount.currency_code"},
		{"nanos out of range", shared.Money{CurrencyCode: "USD", Units: 1, Nanos: 1_000_000_000}, "amount.nanos"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := domain.ValidateAmount(tc.m)
			if got := shared.AsError(err); (tc.field == "" && err != nil) || (tc.field != "" && (got == nil || got.Field != tc.field)) {
				t.Errorf("ValidateAmount(%+v) = %v, want field %q", tc.m, err, tc.field)
			}
		})
	}
}
