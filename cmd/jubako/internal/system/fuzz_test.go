package system

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/testkit"
)

// The fuzz targets send arbitrary bodies to the JSON routes of the whole
// shop, through the gateway's real handlers: whatever the body, the answer
// is never a 5xx (a panic would be one: the gateway recovers it as 500).
// Without -fuzz, `go test` runs the seeds.

// malformed are bodies every JSON route must refuse politely.
var malformed = []string{
	"", " ", "{", "}", "[]", "null", "true", "0", `""`, `"{}"`, "{}", "{}{}", `{"a":1}x`,
	"\xff\xfe", "{\"\x00\":1}", strings.Repeat("[", 10000), `{"quantity":1e999}`,
	`{"email":null,"password":null,"product_id":null,"quantity":null}`,
}

func FuzzRegister(f *testing.F) {
	fuzzRoute(f, fuzzTarget{path: "/api/auth/register"}, append(malformed,
		`{"email":"ada@example.com","password":"ada's long secret"}`,
		`{"email":"ADA@EXAMPLE.COM ","password":"ééééééééééé"}`,
		`{"email":"Ada <ada@example.com>","password":"ada's long secret"}`,
		`{"email":"ada@example.com","password":"short"}`,
		`{"email":42,"password":["x"]}`,
		`{"email":"`+strings.Repeat("a", 300)+`@example.com","password":"`+strings.Repeat("p", 300)+`"}`,
	)...)
}

func FuzzLogin(f *testing.F) {
	register := func(t testing.TB, p *testkit.Process) []string {
		res := p.Do(t, http.MethodPost, "/api/auth/register", map[string]string{"email": "ada@example.com", "password": "ada's long secret"})
		if res.Status != http.StatusCreated {
			t.Fatalf("register: %d %s", res.Status, res.Body)
		}
		return nil
	}
	fuzzRoute(f, fuzzTarget{path: "/api/auth/login", setup: register}, append(malformed,
		`{"email":"ada@example.com","password":"ada's long secret"}`,
		`{"email":"ADA@example.com","password":"ada's long secret!"}`,
		`{"email":"nobody@example.com","password":"ada's long secret"}`,
		`{"email":"ada@example.com","password":""}`,
		`{"email":"ada@example.com"}`,
	)...)
}

func FuzzCartAddItem(f *testing.F) {
	fuzzRoute(f, fuzzTarget{path: "/api/cart/items", setup: authorizedAsCustomer}, append(malformed,
		`{"product_id":"OLJCESPC7Z","quantity":1}`,
		`{"product_id":"OLJCESPC7Z","quantity":-1}`,
		`{"product_id":"OLJCESPC7Z","quantity":101}`,
		`{"product_id":"OLJCESPC7Z","quantity":2147483648}`,
		`{"product_id":"OLJCESPC7Z","quantity":1.5}`,
		`{"product_id":"NOPE","quantity":1}`,
		`{"product_id":"`+strings.Repeat("x", 5000)+`","quantity":1}`,
		`{"user_id":"someone-else","product_id":"OLJCESPC7Z","quantity":1}`,
	)...)
}

func FuzzCheckout(f *testing.F) {
	valid, err := json.Marshal(form(nil))
	if err != nil {
		f.Fatal(err)
	}
	target := fuzzTarget{path: "/api/checkout", setup: authorizedAsCustomer, before: fillCart}
	fuzzRoute(f, target, append(malformed, string(valid),
		`{"email":"ada@example.com","currency":"EUR","address":{},"credit_card":{}}`,
		`{"email":"ada@example.com","currency":"eur","address":null,"credit_card":null}`,
		`{"address":{"zip_code":99999},"credit_card":{"number":4111111111111111,"cvv":"123"}}`,
		`{"credit_card":{"expiration_month":13,"expiration_year":-1,"cvv":-5}}`,
		string(bytes.Replace(valid, []byte(`"4111111111111111"`), []byte(`"4000000000000002"`), 1)),
	)...)
}

// authorizedAsCustomer sends the fuzzed requests as testkit's customer.
func authorizedAsCustomer(testing.TB, *testkit.Process) []string {
	return []string{"Authorization", testkit.CustomerAuthorization}
}

// fillCart puts a mug in the customer's cart unless it holds something,
// so that each checkout has something to buy.
func fillCart(t testing.TB, p *testkit.Process) {
	ctx := context.Background()
	c, err := cart.GetCart.Call(ctx, p.Bus, cart.GetCartRequest{UserID: "test-customer"})
	if err == nil && len(c.Items) == 0 {
		_, err = cart.AddItem.Call(ctx, p.Bus, cart.AddItemRequest{UserID: "test-customer", ProductID: mug, Quantity: 1})
	}
	if err != nil {
		t.Fatal(err)
	}
}

// fuzzTarget is a route to fuzz and how to prepare the shop for it.
type fuzzTarget struct {
	path string
	// setup prepares the shop once and returns header pairs to send.
	setup func(testing.TB, *testkit.Process) []string
	// before runs before each input.
	before func(testing.TB, *testkit.Process)
}

// fuzzRoute starts the shop once, seeds the corpus and POSTs each input
// to the target's path in-process.
func fuzzRoute(f *testing.F, target fuzzTarget, seeds ...string) {
	p := testkit.Start(f, testkit.SQLite(f), shopSettings, linked.Modules()...)
	var headers []string
	if target.setup != nil {
		headers = target.setup(f, p)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if target.before != nil {
			target.before(t, p)
		}
		req := httptest.NewRequest(http.MethodPost, target.path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		res, err := p.Gateway.App.Test(req, 30_000)
		if err != nil {
			t.Fatalf("POST %s: %v", target.path, err)
		}
		defer res.Body.Close()
		if res.StatusCode >= 500 {
			data, _ := io.ReadAll(res.Body)
			t.Errorf("POST %s with %q: %d %s", target.path, body, res.StatusCode, data)
		}
	})
}
