package system

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestBadInputIsNamedAndNever5xx sends what clients get wrong to the
// shop's routes: each answer is a 4xx naming the field at fault.
func TestBadInputIsNamedAndNever5xx(t *testing.T) {
	testkit.Each(t, badInputIsNamed)
}

func badInputIsNamed(t *testing.T, be testkit.Backend) {
	p := testkit.Start(t, be, shopSettings, linked.Modules()...)
	s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
	c := s.customer()
	admin := []string{"Authorization", testkit.AdminAuthorization}
	for _, tc := range []struct {
		name, method, path string
		body               any
		status             int
		field              string
		withCart, asAdmin  bool
	}{
		{"cart: malformed JSON", "POST", "/api/cart/items", `{"product_id":`, 400, "body", false, false},
		{"cart: negative quantity", "POST", "/api/cart/items", `{"product_id":"OLJCESPC7Z","quantity":-2}`, 400, "quantity", false, false},
		{"cart: quantity not a number", "POST", "/api/cart/items", `{"product_id":"OLJCESPC7Z","quantity":"two"}`, 400, "quantity", false, false},
		{"cart: unknown product", "POST", "/api/cart/items", `{"product_id":"NOPE","quantity":1}`, 400, "product_id", false, false},
		{"cart: missing product", "POST", "/api/cart/items", `{"quantity":1}`, 400, "product_id", false, false},
		{"cart: NUL product id", "POST", "/api/cart/items", `{"product_id":"\u0000","quantity":1}`, 400, "product_id", false, false},
		{"cart: oversized product id", "POST", "/api/cart/items", `{"product_id":"` + strings.Repeat("x", 5000) + `","quantity":1}`, 400, "product_id", false, false},
		{"checkout: empty cart", "POST", "/api/checkout", form(nil), 400, "cart", false, false},
		{"checkout: malformed JSON", "POST", "/api/checkout", `{"email":`, 400, "body", true, false},
		{"checkout: bad email", "POST", "/api/checkout", form(func(f map[string]any) { f["email"] = "not-an-email" }), 400, "email", true, false},
		{"checkout: unsupported currency", "POST", "/api/checkout", form(func(f map[string]any) { f["currency"] = "XYZ" }), 400, "currency", true, false},
		{"checkout: lower-case currency", "POST", "/api/checkout", form(func(f map[string]any) { f["currency"] = "eur" }), 400, "currency", true, false},
		{"checkout: missing zip", "POST", "/api/checkout", form(withZip("")), 400, "address.zip_code", true, false},
		{"checkout: oversized city", "POST", "/api/checkout", form(func(f map[string]any) { f["address"].(map[string]any)["city"] = strings.Repeat("c", 500) }), 400, "address.city", true, false},
		{"checkout: NUL in city", "POST", "/api/checkout", form(func(f map[string]any) { f["address"].(map[string]any)["city"] = "Mountain\x00View" }), 400, "address.city", true, false},
		{"checkout: card letters", "POST", "/api/checkout", form(withCard("4111-abcd")), 400, "credit_card.number", true, false},
		{"checkout: month 13", "POST", "/api/checkout", form(func(f map[string]any) { f["credit_card"].(map[string]any)["expiration_month"] = 13 }), 400, "credit_card.expiration_month", true, false},
		{"checkout: year as text", "POST", "/api/checkout", form(func(f map[string]any) { f["credit_card"].(map[string]any)["expiration_year"] = "soon" }), 400, "credit_card.expiration_year", true, false},
		{"checkout: oversized idempotency key", "POST", "/api/checkout", form(nil), 400, "Idempotency-Key", true, false},
		{"currency: unsupported target", "POST", "/api/currency/convert", `{"from":{"currency_code":"USD","units":1},"to_code":"XYZ"}`, 400, "to_code", false, false},
		{"currency: nanos out of range", "POST", "/api/currency/convert", `{"from":{"currency_code":"USD","units":1,"nanos":-5},"to_code":"EUR"}`, 400, "from.nanos", false, false},
		{"shipping: negative quantity", "POST", "/api/shipping/quote", `{"items":[{"product_id":"OLJCESPC7Z","quantity":-1}],"currency":"EUR"}`, 400, "items[0].quantity", false, false},
		{"shipping: unsupported currency", "POST", "/api/shipping/quote", `{"items":[{"product_id":"OLJCESPC7Z","quantity":1}],"currency":"XYZ"}`, 400, "currency", false, false},
		{"inventory: negative stock", "PUT", "/api/inventory/stock/OLJCESPC7Z", `{"on_hand":-1}`, 400, "on_hand", false, true},
		{"catalog: price not a number", "PUT", "/api/catalog/products/OLJCESPC7Z/price", `{"price_usd":{"currency_code":"USD","units":"x"}}`, 400, "price_usd.units", false, true},
		{"catalog: NUL in search", "GET", "/api/catalog/products?q=%00", nil, 400, "q", false, false},
		{"catalog: search not UTF-8", "GET", "/api/catalog/products?q=%ff", nil, 400, "q", false, false},
		{"inventory: NUL in product id", "PUT", "/api/inventory/stock/a%00b", `{"on_hand":1}`, 400, "path", false, true},
		{"login: NUL in email", "POST", "/api/auth/login", `{"email":"ada\u0000@example.com","password":"ada's long secret"}`, 400, "email", false, false},
		{"orders: unknown order", "GET", "/api/orders/nope", nil, 404, "", false, false},
		{"notification: missing order", "GET", "/api/notification/mails", nil, 400, "order_id", false, true},
		{"payment: missing reference", "GET", "/api/payment/ledger", nil, 400, "reference", false, true},
		{"payment: NUL reference", "GET", "/api/payment/ledger?reference=%00", nil, 400, "reference", false, true},
		{"recommendations: blank id", "GET", "/api/recommendations?product_ids=a,,b", nil, 400, "product_ids[1]", false, false},
		{"ads: too many keys", "GET", "/api/ads?context=" + strings.Repeat("k,", 30), nil, 400, "context", false, false},
		{"admin: saga age not a duration", "GET", "/api/admin/sagas?older_than=soon", nil, 400, "older_than", false, true},
		{"admin: saga limit 0", "GET", "/api/admin/sagas?limit=0", nil, 400, "limit", false, true},
		{"admin: stuck neither true nor false", "GET", "/api/admin/sagas?stuck=maybe", nil, 400, "stuck", false, true},
		{"admin: dead-letter limit not a number", "GET", "/api/admin/deadletters?limit=ten", nil, 400, "limit", false, true},
		{"admin: dead-letter limit too large", "GET", "/api/admin/deadletters?limit=5000", nil, 400, "limit", false, true},
		{"admin: trace status class 6xx", "GET", "/api/admin/traces?status=6xx", nil, 400, "status", false, true},
		{"faults: unknown target", "POST", "/api/admin/faults", `{"target":"payment.Steal","kind":"error","ttl":"1m"}`, 400, "target", false, true},
		{"faults: unknown kind", "POST", "/api/admin/faults", `{"target":"payment.Charge","kind":"kill","ttl":"1m"}`, 400, "kind", false, true},
		{"faults: latency not a duration", "POST", "/api/admin/faults", `{"target":"payment","kind":"latency","latency":"slow","ttl":"1m"}`, 400, "latency", false, true},
		{"faults: percent above 100", "POST", "/api/admin/faults", `{"target":"payment","kind":"abort","percent":150,"ttl":"1m"}`, 400, "percent", false, true},
		{"faults: unknown code", "POST", "/api/admin/faults", `{"target":"payment","kind":"error","code":"teapot","ttl":"1m"}`, 400, "code", false, true},
		{"faults: control cohort", "POST", "/api/admin/faults", `{"target":"payment","kind":"error","cohort":"control","ttl":"1m"}`, 400, "cohort", false, true},
		{"faults: no ttl", "POST", "/api/admin/faults", `{"target":"payment","kind":"error"}`, 400, "ttl", false, true},
		{"faults: percent as text", "POST", "/api/admin/faults", `{"target":"payment","kind":"error","percent":"half","ttl":"1m"}`, 400, "percent", false, true},
		{"faults: unknown fault", "DELETE", "/api/admin/faults/nope", nil, 404, "", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.withCart && len(c.cart(t).Items) == 0 {
				c.add(t, mug, 1)
			}
			var headers []string
			if tc.asAdmin {
				headers = admin
			}
			if tc.field == "Idempotency-Key" {
				headers = append(headers, "Idempotency-Key", strings.Repeat("k", 300))
			}
			status, data := call(t, c.client, tc.method, s.url+tc.path, tc.body, headers...)
			if e := errorIn(data); status != tc.status || e.Field != tc.field {
				t.Errorf("%d field %q, want %d field %q: %s", status, e.Field, tc.status, tc.field, data)
			}
		})
	}
}

// errorIn is the error of a JSON error body (zero when there is none).
func errorIn(data []byte) shared.Error {
	var body gateway.ErrorBody
	if json.Unmarshal(data, &body) != nil || body.Error == nil {
		return shared.Error{}
	}
	return *body.Error
}

// TestNoRouteAnswers5xxToGarbage walks every registered route with
// garbage bodies, paths and query strings (NUL characters and invalid
// UTF-8 among them), as anonymous and as admin: nothing may answer 5xx.
func TestNoRouteAnswers5xxToGarbage(t *testing.T) {
	testkit.Each(t, noRouteAnswers5xx)
}

// garbageQuery sets, to NUL or to bytes that are not UTF-8, the query
// parameters the routes read.
const garbageQuery = "?q=%00&reference=%00&order_id=%00&id=%00&product_ids=%ff&context=%00&currency=%00&next=%ff&min=%00"

func noRouteAnswers5xx(t *testing.T, be testkit.Backend) {
	p := testkit.Start(t, be, shopSettings, linked.Modules()...)
	param := regexp.MustCompile(`:[a-z_]+`)
	bodies := []string{"", "{", "[]", "null", `{"quantity":-1,"units":-1,"on_hand":-1}`, `"` + strings.Repeat("x", 100000) + `"`,
		`{"product_id":"\u0000","email":"\u0000","password":"\u0000","quantity":1}`}
	seen := map[string]bool{}
	for _, r := range p.Gateway.App.GetRoutes(true) {
		if r.Method == http.MethodHead || r.Method == "USE" || seen[r.Method+r.Path] {
			continue
		}
		seen[r.Method+r.Path] = true
		path := param.ReplaceAllString(r.Path, "garbage")
		for _, target := range []struct {
			url    string
			bodies []string
		}{
			{path, bodies},
			{path + garbageQuery, []string{""}},
			{param.ReplaceAllString(r.Path, "a%00b"), []string{""}},
			{param.ReplaceAllString(r.Path, "a%ffb"), []string{""}},
		} {
			for _, body := range target.bodies {
				for _, headers := range [][]string{nil, {"Authorization", testkit.AdminAuthorization}} {
					status, data := call(t, http.DefaultClient, r.Method, p.URL+target.url, body, headers...)
					if status >= 500 {
						t.Errorf("%s %s with %.20q: %d %s", r.Method, target.url, body, status, data)
					}
				}
			}
		}
	}
	if len(seen) < 20 {
		t.Errorf("walked only %d routes", len(seen))
	}
}
