package templates

import (
	"fmt"

	"github.com/jubako/jubako/shared"
)

const (
	nanosPerCent = 10_000_000
	halfCent     = nanosPerCent / 2
)

// FormatMoney renders m for people, "USD 19.99": whole units and cents,
// the nanos rounded half to even, in integers only.
func FormatMoney(m shared.Money) string {
	units, nanos := abs(m.Units), uint64(abs(int64(m.Nanos)))
	cents, rest := nanos/nanosPerCent, nanos%nanosPerCent
	if rest > halfCent || (rest == halfCent && cents%2 == 1) {
		cents++
	}
	if cents == 100 {
		units, cents = units+1, 0
	}
	sign := ""
	if m.IsNegative() && (units != 0 || cents != 0) {
		sign = "-"
	}
	return fmt.Sprintf("%s %s%d.%02d", m.CurrencyCode, sign, units, cents)
}

// abs is |v| as an unsigned number, so that MinInt64 fits.
func abs(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}
