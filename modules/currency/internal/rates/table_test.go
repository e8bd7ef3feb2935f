package rates_test

import (
	"math/big"
	"slices"
	"testing"

	"github.com/jubako/jubako/modules/currency/internal/rates"
)

func TestDefault(t *testing.T) {
	table, err := rates.Default()
	if err != nil {
		t.Fatal(err)
	}
	codes := table.Codes()
	if len(codes) != 33 {
		t.Errorf("got %d codes, want the 33 of currency_conversion.json: %v", len(codes), codes)
	}
	if !slices.IsSorted(codes) {
		t.Errorf("codes are not sorted: %v", codes)
	}
	for code, want := range map[string]string{"EUR": "1", "USD": "2261/2000", "JPY": "632/5", "GBP": "8597/10000"} {
		got, ok := table.Rate(code)
		if !ok || got.RatString() != want {
			t.Errorf("Rate(%s) = %v, %v; want %s", code, got, ok, want)
		}
	}
}

func TestTableIsReadOnly(t *testing.T) {
	table, err := rates.Parse([]byte(`{"EUR": "1", "USD": "1.1305"}`))
	if err != nil {
		t.Fatal(err)
	}
	table.Codes()[0] = "XXX"
	rate, _ := table.Rate("USD")
	rate.SetInt64(7)
	if got := table.Codes(); !slices.Equal(got, []string{"EUR", "USD"}) {
		t.Errorf("Codes() = %v after the caller changed its copy", got)
	}
	if got, _ := table.Rate("USD"); got.Cmp(big.NewRat(11305, 10000)) != 0 {
		t.Errorf("Rate(USD) = %s after the caller changed its copy", got.RatString())
	}
}

func TestParseRejects(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":          `{"EUR": `,
		"not strings":       `{"EUR": 1}`,
		"lower-case code":   `{"EUR": "1", "usd": "1.1"}`,
		"long code":         `{"EUR": "1", "USDX": "1.1"}`,
		"not a number":      `{"EUR": "1", "USD": "abc"}`,
		"zero rate":         `{"EUR": "1", "USD": "0"}`,
		"negative rate":     `{"EUR": "1", "USD": "-1.1"}`,
		"no base":           `{"USD": "1.1305"}`,
		"base other than 1": `{"EUR": "1.5", "USD": "1.1305"}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := rates.Parse([]byte(data)); err == nil {
				t.Errorf("Parse(%s) succeeded", data)
			}
		})
	}
}
