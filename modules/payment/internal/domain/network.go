package domain

import "strconv"

// prefixRange is a span of leading digits, from..to inclusive, all of the
// same length.
type prefixRange struct {
	from, to int
	network  string
}

// networks maps leading digits to card networks, after the issuer
// identification ranges; it only serves to name what is accepted or not.
var networks = []prefixRange{
	{4, 4, Visa},
	{51, 55, MasterCard},
	{2221, 2720, MasterCard},
	{34, 34, "American Express"},
	{37, 37, "American Express"},
	{6011, 6011, "Discover"},
	{644, 649, "Discover"},
	{65, 65, "Discover"},
	{3528, 3589, "JCB"},
	{300, 305, "Diners Club"},
	{36, 36, "Diners Club"},
	{38, 39, "Diners Club"},
	{62, 62, "UnionPay"},
}

// networkOf names the network of a card number made of at least four
// digits, or "an unknown card type".
func networkOf(digits string) string {
	for _, r := range networks {
		width := len(strconv.Itoa(r.from))
		prefix, _ := strconv.Atoi(digits[:width])
		if prefix >= r.from && prefix <= r.to {
			return r.network
		}
	}
	return "an unknown card type"
}
