package local_test

import (
	"net/http"
	"net/url"
	"testing"

	identitylocal "github.com/jubako/jubako/modules/identity/local"
	"github.com/jubako/jubako/platform/testkit"
)

func TestSigningInKeepsTheCart(t *testing.T) {
	p := shop(t, testkit.SQLite(t), identitylocal.Module, (&ordersStub{}).module())
	account := url.Values{"email": {"Ada@Example.com"}, "password": {"ada's long secret"}, "next": {"/cart"}}

	guest := newVisitor(t, p.URL)
	guest.post("/cart", url.Values{"product_id": {mug}, "quantity": {"2"}}).redirects(t, "/cart")
	guest.post("/register", account).redirects(t, "/cart")
	guest.get("/cart").want(t, http.StatusOK, "Quantity 2 ×", `href="/logout"`, `href="/orders"`)
	guest.get("/orders").want(t, http.StatusOK, "<h1>My orders</h1>", "No orders yet")
	guest.get("/logout").redirects(t, "/")
	guest.get("/cart").want(t, http.StatusOK, "Your cart is empty", `href="/login"`)

	other := newVisitor(t, p.URL)
	other.post("/cart", url.Values{"product_id": {watch}, "quantity": {"1"}}).redirects(t, "/cart")
	other.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"ada's long secret"}, "next": {"https://evil.example"}}).
		redirects(t, "/")
	other.get("/cart").want(t, http.StatusOK, "Mug</a>", "Quantity 2 ×", "Watch</a>", "Quantity 1 ×")

	for _, tc := range []struct {
		name, path string
		form       url.Values
		status     int
		texts      []string
	}{
		{"a wrong password", "/login", url.Values{"email": {"ada@example.com"}, "password": {"not her secret"}},
			http.StatusUnauthorized, []string{"Wrong email or password."}},
		{"an email taken", "/register", url.Values{"email": {"ada@example.com"}, "password": {"another long secret"}},
			http.StatusConflict, []string{`aria-invalid="true"`, "Email: an account with the email ada@example.com exists"}},
		{"a short password", "/register", url.Values{"email": {"grace@example.com"}, "password": {"short"}},
			http.StatusBadRequest, []string{`id="password-error"`, `value="grace@example.com"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := newVisitor(t, p.URL).post(tc.path, tc.form)
			res.want(t, tc.status, tc.texts...)
			for _, c := range res.cookies() {
				if c.Name == "jubako_account" {
					t.Errorf("a refused form signed the visitor in: %v", c)
				}
			}
		})
	}
}
