// Package rates holds the conversion table: for each currency, how many
// units of it one euro buys. Rates are exact rationals, never floats.
package rates

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
)

// Base is the currency every rate is quoted against; its rate is 1.
const Base = "EUR"

var codePattern = regexp.MustCompile(`^[A-Z]{3}$`)

// Table maps currency codes to their rate against Base. It is read-only
// once parsed and safe for concurrent use.
type Table struct {
	rates map[string]*big.Rat
	codes []string
}

// Parse reads a JSON object of code to decimal string, such as
// {"EUR": "1.0", "USD": "1.1305"}. Every code must be three capital
// letters, every rate a positive decimal, and Base must be present at 1.
func Parse(data []byte) (Table, error) {
	var raw map[string]string
	if err := json.Unmarshal(data, &raw); err != nil {
		return Table{}, fmt.Errorf("parse rate table: %w", err)
	}
	t := Table{rates: make(map[string]*big.Rat, len(raw))}
	for code, text := range raw {
		rate, err := parseRate(code, text)
		if err != nil {
			return Table{}, err
		}
		t.rates[code] = rate
		t.codes = append(t.codes, code)
	}
	if base, ok := t.rates[Base]; !ok || base.Cmp(big.NewRat(1, 1)) != 0 {
		return Table{}, fmt.Errorf("rate table: %s must be present with rate 1", Base)
	}
	slices.Sort(t.codes)
	return t, nil
}

func parseRate(code, text string) (*big.Rat, error) {
	if !codePattern.MatchString(code) {
		return nil, fmt.Errorf("rate table: %q is not a three-letter currency code", code)
	}
	rate, ok := new(big.Rat).SetString(text)
	if !ok || rate.Sign() <= 0 {
		return nil, fmt.Errorf("rate table: rate of %s must be a positive decimal, got %q", code, text)
	}
	return rate, nil
}

// Codes lists the currencies of the table, sorted. The slice is the
// caller's own.
func (t Table) Codes() []string { return slices.Clone(t.codes) }

// Rate returns how many units of code one euro buys, and whether the table
// holds code. The value is the caller's own.
func (t Table) Rate(code string) (*big.Rat, bool) {
	rate, ok := t.rates[code]
	if !ok {
		return nil, false
	}
	return new(big.Rat).Set(rate), true
}
