package contract_test

import (
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/contract"
)

// product is what a consumer might read of a product.
var product = contract.Object(contract.Fields{
	"id":     contract.String(),
	"status": contract.Equals("SOLD"),
	"price_usd": contract.Object(contract.Fields{
		"currency_code": contract.String(), "units": contract.Integer(), "nanos": contract.Number(),
	}),
	"tags":    contract.Array(contract.Object(contract.Fields{"name": contract.String()})),
	"on_sale": contract.Bool(),
})

const good = `{"id":"P1","status":"SOLD","price_usd":{"currency_code":"USD","units":19,"nanos":990000000},
	"tags":[{"name":"summer"},{"name":"hats"}],"on_sale":false}`

func TestMatch(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		want []string // mismatches, in path order
	}{
		{name: "every field as read", doc: good},
		{name: "extra fields pass", doc: strings.Replace(good, `"id":"P1"`, `"id":"P1","picture":"/p1.jpg","price_eur":{"units":1}`, 1)},
		{name: "renamed nested field", doc: strings.Replace(good, `"units":19`, `"unit":19`, 1),
			want: []string{"price_usd.units: missing, want integer"}},
		{name: "type changed", doc: strings.Replace(good, `"units":19`, `"units":"19"`, 1),
			want: []string{`price_usd.units: got string "19", want integer`}},
		{name: "fraction where an integer is read", doc: strings.Replace(good, `"units":19`, `"units":19.5`, 1),
			want: []string{"price_usd.units: got number 19.5, want integer"}},
		{name: "exact value changed", doc: strings.Replace(good, `"SOLD"`, `"sold"`, 1),
			want: []string{`status: got "sold", want "SOLD"`}},
		{name: "array element", doc: strings.Replace(good, `{"name":"hats"}`, `{"title":"hats"}`, 1),
			want: []string{"tags[1].name: missing, want string"}},
		{name: "empty array", doc: strings.Replace(good, `[{"name":"summer"},{"name":"hats"}]`, `[]`, 1),
			want: []string{"tags: got an empty array, want at least one element"}},
		{name: "null", doc: strings.Replace(good, `"on_sale":false`, `"on_sale":null`, 1),
			want: []string{"on_sale: got null, want bool"}},
		{name: "several", doc: `{"id":7,"status":"SOLD","price_usd":{},"tags":[{"name":"x"}],"on_sale":true}`,
			want: []string{"id: got number 7, want string", "price_usd.currency_code: missing, want string",
				"price_usd.nanos: missing, want number", "price_usd.units: missing, want integer"}},
		{name: "not JSON", doc: `{"id":`, want: []string{"not JSON: unexpected end of JSON input"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range product.Match([]byte(tc.doc)) {
				got = append(got, m.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("mismatches\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
