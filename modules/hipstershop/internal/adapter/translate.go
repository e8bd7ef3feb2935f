// Package adapter holds one adapter per Online Boutique service: each
// translates the service's messages into calls of module contracts on the
// bus, and the answers back — nothing else. They call endpoints through
// the bus, so each works whether its module runs here or in another
// process.
package adapter

import (
	"strconv"
	"strings"

	"github.com/jubako/jubako/modules/hipstershop"
	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/shared"
)

// module is the name the adapters run under: their log lines, spans and
// bus calls name it.
const module = "hipstershop"

// owner is the jubako user id of an Online Boutique user_id.
func owner(userID string) (string, error) {
	if strings.TrimSpace(userID) == "" {
		return "", shared.Invalid("user_id", "is required")
	}
	return hipstershop.OwnerPrefix + userID, nil
}

// money is m as the shop's modules take it: the same three fields. A
// missing message is the zero amount of no currency, which they refuse.
func money(m *pb.Money) shared.Money {
	return shared.Money{CurrencyCode: m.GetCurrencyCode(), Units: m.GetUnits(), Nanos: m.GetNanos()}
}

func toMoney(m shared.Money) *pb.Money {
	return &pb.Money{CurrencyCode: m.CurrencyCode, Units: m.Units, Nanos: m.Nanos}
}

// zip is the wire's numeric zip code as the shop's text: 0 (unset) is "".
func zip(code int32) string {
	if code == 0 {
		return ""
	}
	return strconv.Itoa(int(code))
}

// toZip is a zip code as the wire's number; one that is not a number is 0.
func toZip(code string) int32 {
	n, err := strconv.ParseInt(code, 10, 32)
	if err != nil {
		return 0
	}
	return int32(n)
}

func shippingAddress(a *pb.Address) shipping.Address {
	return shipping.Address{StreetAddress: a.GetStreetAddress(), City: a.GetCity(), State: a.GetState(), Country: a.GetCountry(), ZipCode: zip(a.GetZipCode())}
}

func orderAddress(a *pb.Address) orders.Address {
	return orders.Address{StreetAddress: a.GetStreetAddress(), City: a.GetCity(), State: a.GetState(), Country: a.GetCountry(), ZipCode: zip(a.GetZipCode())}
}

func toAddress(a orders.Address) *pb.Address {
	return &pb.Address{StreetAddress: a.StreetAddress, City: a.City, State: a.State, Country: a.Country, ZipCode: toZip(a.ZipCode)}
}

func shippingItems(items []*pb.CartItem) []shipping.Item {
	out := make([]shipping.Item, len(items))
	for i, it := range items {
		out[i] = shipping.Item{ProductID: it.GetProductId(), Quantity: it.GetQuantity()}
	}
	return out
}

// renamed gives an Invalid error the name the wire uses for its field:
// the shop's modules name their own (card.number, lines[0].quantity),
// Online Boutique's callers know theirs (credit_card.credit_card_number,
// order.items[0].quantity). names maps a field, and the fields under it,
// to the wire's.
func renamed(err error, names map[string]string) error {
	e := shared.AsError(err)
	if e == nil || e.Code != shared.CodeInvalid {
		return err
	}
	for from, to := range names {
		rest, ok := strings.CutPrefix(e.Field, from)
		if ok && (rest == "" || rest[0] == '.' || rest[0] == '[') {
			c := *e
			c.Field = to + rest
			return &c
		}
	}
	return err
}

// cardFields are a card's fields under the names of the wire's
// CreditCardInfo, by the names payment gives them.
var cardFields = map[string]string{
	"card.number":           "credit_card.credit_card_number",
	"card.cvv":              "credit_card.credit_card_cvv",
	"card.expiration_year":  "credit_card.credit_card_expiration_year",
	"card.expiration_month": "credit_card.credit_card_expiration_month",
}
