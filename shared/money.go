package shared

import (
	"fmt"
	"math/big"
	"regexp"
)

const nanosPerUnit = 1_000_000_000

var currencyCodePattern = regexp.MustCompile(`^[A-Z]{3}$`)

// Money is an exact amount in one currency, as in Online Boutique's proto:
// Units whole units plus Nanos billionths. Units and Nanos share a sign and
// |Nanos| < 1e9. No float is ever involved.
type Money struct {
	CurrencyCode string `json:"currency_code"`
	Units        int64  `json:"units"`
	Nanos        int32  `json:"nanos"`
}

// Validate reports the first broken rule, naming the field under prefix
// (prefix "price" gives "price.nanos").
func (m Money) Validate(prefix string) error {
	switch {
	case !currencyCodePattern.MatchString(m.CurrencyCode):
		return Invalid(prefix+"currency_code", "must be a three-letter ISO 4217 code, got %q", m.CurrencyCode)
	case m.Nanos <= -nanosPerUnit || m.Nanos >= nanosPerUnit:
		return Invalid(prefix+"nanos", "must be between -999999999 and 999999999, got %d", m.Nanos)
	case (m.Units > 0 && m.Nanos < 0) || (m.Units < 0 && m.Nanos > 0):
		return Invalid(prefix+"nanos", "must have the sign of units")
	}
	return nil
}

// IsNegative reports whether the amount is below zero.
func (m Money) IsNegative() bool { return m.Units < 0 || m.Nanos < 0 }

// Rat returns the amount as an exact rational number of units.
func (m Money) Rat() *big.Rat {
	r := new(big.Rat).SetInt64(m.Units)
	return r.Add(r, big.NewRat(int64(m.Nanos), nanosPerUnit))
}

// MoneyFromRat rounds r to whole nanos, half to even, and returns it as Money.
// It fails only when the amount does not fit in int64 units.
func MoneyFromRat(code string, r *big.Rat) (Money, error) {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt64(nanosPerUnit))
	total := roundHalfEven(scaled)
	units, nanos := new(big.Int).QuoRem(total, big.NewInt(nanosPerUnit), new(big.Int))
	if !units.IsInt64() {
		return Money{}, Invalid("units", "amount %s %s is too large", r.FloatString(2), code)
	}
	return Money{CurrencyCode: code, Units: units.Int64(), Nanos: int32(nanos.Int64())}, nil
}

func roundHalfEven(r *big.Rat) *big.Int {
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	twice := new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2))
	switch twice.Cmp(r.Denom()) {
	case 1:
		return q.Add(q, big.NewInt(int64(r.Sign())))
	case 0:
		if q.Bit(0) == 1 {
			return q.Add(q, big.NewInt(int64(r.Sign())))
		}
	}
	return q
}

// Add returns m+o. Both must be in the same currency.
func (m Money) Add(o Money) (Money, error) {
	if m.CurrencyCode != o.CurrencyCode {
		return Money{}, Errorf(CodeInvalid, "cannot add %s to %s", o.CurrencyCode, m.CurrencyCode)
	}
	return MoneyFromRat(m.CurrencyCode, new(big.Rat).Add(m.Rat(), o.Rat()))
}

// Times returns m·n.
func (m Money) Times(n int64) (Money, error) {
	return MoneyFromRat(m.CurrencyCode, new(big.Rat).Mul(m.Rat(), new(big.Rat).SetInt64(n)))
}

// Zero is no money in the currency.
func Zero(code string) Money { return Money{CurrencyCode: code} }

// String renders "USD 19.990000000" style amounts for logs and mails.
func (m Money) String() string {
	return fmt.Sprintf("%s %s", m.CurrencyCode, m.Rat().FloatString(2))
}
