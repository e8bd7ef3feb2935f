package app

import (
	"regexp"
	"strings"

	"github.com/jubako/jubako/modules/orders"
)

// notCharged ends every reason: a cancelled checkout is undone — stock put
// back, a charge refunded.
const notCharged = " — you were not charged."

// reasons map what a cancelled checkout recorded, by the words it holds
// (whatever step or event reported them), to what its customer reads. The
// first match wins.
var reasons = []struct {
	words []string
	say   func(o orders.Order) string
}{
	{[]string{"card declined", "card_declined"}, fixed("Your card was declined")},
	{[]string{"card expired"}, fixed("Your card has expired")},
	{[]string{"invalid card", "invalid_card"}, fixed("We could not use your card: we take VISA and MasterCard numbers")},
	{[]string{"undeliverable"}, func(o orders.Order) string { return "We cannot ship to " + o.Address.ZipCode }},
	{[]string{"out of stock", "out_of_stock"}, func(o orders.Order) string { return "Sorry, " + soldOut(o) + " sold out before we could set it aside" }},
	{[]string{"deadline passed", "failed after"}, fixed("We could not finish your order in time, please try again")},
}

// PlainReason says in its customer's words why the order was cancelled.
func PlainReason(o orders.Order) string {
	recorded := strings.ToLower(o.CancellationReason)
	for _, r := range reasons {
		for _, w := range r.words {
			if strings.Contains(recorded, w) {
				return r.say(o) + notCharged
			}
		}
	}
	return "We could not complete your order" + notCharged
}

func fixed(s string) func(orders.Order) string { return func(orders.Order) string { return s } }

// quotedProduct finds the product an out-of-stock reason names.
var quotedProduct = regexp.MustCompile(`product "([^"]+)"`)

// soldOut names the product an out-of-stock reason is about, by the name
// the order gives it.
func soldOut(o orders.Order) string {
	if m := quotedProduct.FindStringSubmatch(o.CancellationReason); m != nil {
		for _, l := range o.Items {
			if l.ProductID == m[1] {
				return l.Name
			}
		}
	}
	return "an item"
}
