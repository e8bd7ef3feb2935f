package templates_test

import (
	"math"
	"testing"

	"github.com/jubako/jubako/modules/notification/internal/templates"
	"github.com/jubako/jubako/shared"
)

func TestFormatMoney(t *testing.T) {
	for _, tc := range []struct {
		name  string
		units int64
		nanos int32
		want  string
	}{
		{"whole", 8, 0, "USD 8.00"},
		{"exact cents", 19, 990_000_000, "USD 19.99"},
		{"below half rounds down", 1, 4_999_999, "USD 1.00"},
		{"above half rounds up", 1, 5_000_001, "USD 1.01"},
		{"half rounds to even cent, down", 1, 5_000_000, "USD 1.00"},
		{"half rounds to even cent, up", 1, 15_000_000, "USD 1.02"},
		{"carry into units", 9, 995_000_000, "USD 10.00"},
		{"zero", 0, 0, "USD 0.00"},
		{"negative", -2, -250_000_000, "USD -2.25"},
		{"negative half to even", 0, -15_000_000, "USD -0.02"},
		{"tiny negative shows zero", 0, -1, "USD 0.00"},
		{"largest", math.MaxInt64, 999_999_999, "USD 9223372036854775808.00"},
		{"smallest", math.MinInt64, -999_999_999, "USD -9223372036854775809.00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := shared.Money{CurrencyCode: "USD", Units: tc.units, Nanos: tc.nanos}
			if got := templates.FormatMoney(m); got != tc.want {
				t.Errorf("FormatMoney(%+v) = %q, want %q", m, got, tc.want)
			}
		})
	}
}
