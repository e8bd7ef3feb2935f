package local_test

import (
	"log/slog"
	"net/http"
	"testing"
	"time"

	"go.uber.org/fx"

	cartlocal "github.com/jubako/jubako/modules/cart/local"
	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	"github.com/jubako/jubako/modules/identity/local"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/testkit"
)

// Products of Online Boutique's catalog, seeded by the catalog module.
const (
	sunglasses = "OLJCESPC7Z"
	mug        = "6E92ZMYYFZ"
	watch      = "1YMWWN1N4O"
)

// adminSettings configure the first admin.
var adminSettings = testkit.Settings{"admin.email": "Boss@Example.com", "admin.password": "correct horse battery"}

// start runs identity with the cart and catalog it merges guest carts
// into, and returns the process and its logs.
func start(t *testing.T, be testkit.Backend, settings testkit.Settings) (*testkit.Process, *testkit.LogBuffer) {
	t.Helper()
	logs := &testkit.LogBuffer{}
	p := testkit.StartWith(t, testkit.Options{
		Backend: be, Settings: settings, Logger: slog.New(slog.NewTextHandler(logs, nil)),
		Modules: modules(),
	})
	return p, logs
}

func modules() []fx.Option { return []fx.Option{local.Module, cartlocal.Module, cataloglocal.Module} }

// token is the body of a login or refresh.
type token struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
}

// account is the body of a registration or of /me.
type account struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

func register(t *testing.T, p *testkit.Process, email, password string) account {
	t.Helper()
	res := p.Do(t, http.MethodPost, "/api/auth/register", map[string]string{"email": email, "password": password})
	if res.Status != http.StatusCreated {
		t.Fatalf("register %s: %d %s", email, res.Status, res.Body)
	}
	var a account
	res.Decode(t, &a)
	return a
}

// login logs in and returns the "Authorization" header value; headers
// are sent along (a guest's cookie, say).
func login(t *testing.T, p *testkit.Process, email, password string, headers ...string) string {
	t.Helper()
	res := p.Do(t, http.MethodPost, "/api/auth/login", map[string]string{"email": email, "password": password}, headers...)
	if res.Status != http.StatusOK {
		t.Fatalf("login %s: %d %s", email, res.Status, res.Body)
	}
	var tok token
	res.Decode(t, &tok)
	if tok.Token == "" || time.Until(tok.ExpiresAt) < time.Minute {
		t.Fatalf("login %s: token %+v, want a token valid for minutes", email, tok)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("login %s: Cache-Control %q, want no-store", email, cc)
	}
	return "Bearer " + tok.Token
}

func me(t *testing.T, p *testkit.Process, authorization string) (int, account) {
	t.Helper()
	res := p.Do(t, http.MethodGet, "/api/auth/me", nil, "Authorization", authorization)
	var a account
	if res.Status == http.StatusOK {
		res.Decode(t, &a)
	}
	return res.Status, a
}

// cookie is the Cookie header value of a guest session.
func cookie(session string) string { return gateway.SessionCookie + "=" + session }
