package pages

import (
	"fmt"
	"html/template"
	"strings"
	"unicode"

	"golang.org/x/text/currency"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/shared"
)

// funcs are the templates' helpers.
var funcs = template.FuncMap{
	"price":      price,
	"lower":      strings.ToLower,
	"join":       strings.Join,
	"short":      func(id string) string { return id[:min(8, len(id))] },
	"statusWord": statusWord,
	"input":      newInput,
	"choice":     newChoice,
}

// price writes money as a shopper reads it: the currency's symbol where
// it has an unambiguous one (US$, €, JP¥, CA$), digits grouped, as many
// decimals as the currency uses — "US$1,234.50", "JP¥2,341", "TRY 65.00".
func price(m shared.Money) string {
	symbol, scale := m.CurrencyCode, 2
	if unit, err := currency.ParseISO(m.CurrencyCode); err == nil {
		symbol = fmt.Sprint(currency.Symbol(unit))
		scale, _ = currency.Standard.Rounding(unit)
	}
	if r := []rune(symbol); len(r) > 0 && unicode.IsLetter(r[len(r)-1]) {
		symbol += " "
	}
	amount := m.Rat().FloatString(scale)
	sign := ""
	if strings.HasPrefix(amount, "-") {
		sign, amount = "-", amount[1:]
	}
	whole, fraction, _ := strings.Cut(amount, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if fraction != "" {
		whole += "." + fraction
	}
	return sign + symbol + whole
}

// statusWord is an order's status as its customer reads it.
func statusWord(status string) string {
	switch status {
	case orders.StatusCompleted:
		return "completed"
	case orders.StatusCancelled:
		return "cancelled"
	case orders.StatusPending:
		return "in progress"
	}
	return strings.ToLower(status)
}
