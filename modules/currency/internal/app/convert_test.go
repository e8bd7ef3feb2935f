package app_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/currency/internal/app"
	"github.com/jubako/jubako/modules/currency/internal/rates"
	"github.com/jubako/jubako/shared"
)

func money(code string, units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: code, Units: units, Nanos: nanos}
}

func service(t *testing.T, table string) *app.Service {
	t.Helper()
	var (
		r   rates.Table
		err error
	)
	if table == "" {
		r, err = rates.Default()
	} else {
		r, err = rates.Parse([]byte(table))
	}
	if err != nil {
		t.Fatal(err)
	}
	return app.New(r)
}

// The expected values are exact: amount / rate[from] * rate[to] as a
// fraction, then rounded half to even to nanos. For instance USD 19.99 to
// JPY is 19.99 / 1.1305 * 126.40 = 5053472/2261 = 2235.0605926581158…,
// hence 2235 units 60592658 nanos.
func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		name  string
		table string
		from  shared.Money
		to    string
		want  shared.Money
	}{
		{"USD to JPY", "", money("USD", 19, 990_000_000), "JPY", money("JPY", 2235, 60_592_658)},
		{"refund USD to JPY", "", money("USD", -19, -990_000_000), "JPY", money("JPY", -2235, -60_592_658)},
		{"JPY to USD", "", money("JPY", 1000, 0), "USD", money("USD", 8, 943_829_114)},
		{"EUR identity", "", money("EUR", 12, 345_678_901), "EUR", money("EUR", 12, 345_678_901)},
		{"zero", "", money("GBP", 0, 0), "JPY", money("JPY", 0, 0)},
		{"largest EUR identity", "", money("EUR", math.MaxInt64, 999_999_999), "EUR", money("EUR", math.MaxInt64, 999_999_999)},
		{"largest USD to EUR", "", money("USD", math.MaxInt64, 0), "EUR", money("EUR", 8_158_666_109_557_519_510, 835_913_313)},
		{"smallest JPY to EUR", "", money("JPY", math.MinInt64, 0), "EUR", money("EUR", -72_969_715_481_446_011, -139_240_506)},
		// 1000 nanos EUR is 1130.5 nanos USD: the tie goes to the even 1130.
		{"tie rounds down to even", "", money("EUR", 0, 1000), "USD", money("USD", 0, 1130)},
		// 3000 nanos EUR is 3391.5 nanos USD: the tie goes to the even 3392.
		{"tie rounds up to even", "", money("EUR", 0, 3000), "USD", money("USD", 0, 3392)},
		{"negative tie rounds to even", "", money("EUR", 0, -3000), "USD", money("USD", 0, -3392)},
		{"half a nano rounds to zero", `{"EUR": "1", "HLF": "0.5"}`, money("EUR", 0, 1), "HLF", money("HLF", 0, 0)},
		{"one and a half nanos round to two", `{"EUR": "1", "HLF": "0.5"}`, money("EUR", 0, 3), "HLF", money("HLF", 0, 2)},
		{"minus half a nano rounds to zero", `{"EUR": "1", "HLF": "0.5"}`, money("EUR", 0, -1), "HLF", money("HLF", 0, 0)},
		// EUR 1.999999999 is HLF 0.9999999995: the tie rounds up to a whole unit.
		{"tie carries into units", `{"EUR": "1", "HLF": "0.5"}`, money("EUR", 1, 999_999_999), "HLF", money("HLF", 1, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := currency.ConvertRequest{From: tc.from, ToCode: tc.to}
			got, err := service(t, tc.table).Convert(context.Background(), req)
			if err != nil {
				t.Fatalf("Convert(%+v): %v", req, err)
			}
			if got != tc.want {
				t.Errorf("Convert(%+v) = %+v, want %+v", req, got, tc.want)
			}
		})
	}
}

func TestConvertRejects(t *testing.T) {
	for _, tc := range []struct {
		name        string
		from        shared.Money
		to          string
		field       string
		unsupported bool
	}{
		{"result overflows", money("USD", math.MaxInt64, 0), "JPY", "from.units", false},
		{"nanos too large", money("USD", 1, 1_000_000_000), "JPY", "from.nanos", false},
		{"nanos too small", money("USD", -1, -1_000_000_000), "JPY", "from.nanos", false},
		{"signs differ", money("USD", 1, -1), "JPY", "from.nanos", false},
		{"unknown from", money("XXX", 1, 0), "JPY", "from.currency_code", true},
		{"lower-case from", money("usd", 1, 0), "JPY", "from.currency_code", true},
		{"empty from", money("", 1, 0), "JPY", "from.currency_code", true},
		{"unknown to", money("USD", 1, 0), "XXX", "to_code", true},
		{"lower-case to", money("USD", 1, 0), "jpy", "to_code", true},
		{"empty to", money("USD", 1, 0), "", "to_code", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := currency.ConvertRequest{From: tc.from, ToCode: tc.to}
			got, err := service(t, "").Convert(context.Background(), req)
			if err == nil {
				t.Fatalf("Convert(%+v) = %+v, want an error", req, got)
			}
			if !errors.Is(err, shared.ErrInvalid) {
				t.Errorf("error %v is not Invalid", err)
			}
			if errors.Is(err, currency.ErrUnsupportedCurrency) != tc.unsupported {
				t.Errorf("errors.Is(%v, ErrUnsupportedCurrency) = %v, want %v", err, !tc.unsupported, tc.unsupported)
			}
			if field := shared.AsError(err).Field; field != tc.field {
				t.Errorf("error %v names field %q, want %q", err, field, tc.field)
			}
		})
	}
}

func TestSupportedCurrencies(t *testing.T) {
	rep, err := service(t, `{"USD": "1.1305", "EUR": "1.0", "JPY": "126.40"}`).
		SupportedCurrencies(context.Background(), currency.SupportedRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.CurrencyCodes; !slices.Equal(got, []string{"EUR", "JPY", "USD"}) {
		t.Errorf("CurrencyCodes = %v, want [EUR JPY USD]", got)
	}
}
