package system

import (
	"net/http"
	"net/http/cookiejar"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/testkit"
)

// The actors of the authorisation matrix, in the order of authzCase.want.
const (
	anonymous = iota
	customerActor
	otherCustomer
	adminActor
	actors
)

var actorNames = [actors]string{"anonymous", "customer", "another customer", "admin"}

// authzSettings are the shop's, with the first admin configured.
var authzSettings = with(testkit.Settings{"admin.email": "boss@example.com", "admin.password": "correct horse battery"})

// actor is a browser (a cookie jar for the guest session) that logs in:
// once it has a token, every request carries it.
type actor struct {
	*customer
	name, email, password string
	authorization         string
}

type bearer struct {
	a    *actor
	base http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	if b.a.authorization != "" {
		r = r.Clone(r.Context())
		r.Header.Set("Authorization", b.a.authorization)
	}
	return b.base.RoundTrip(r)
}

func newActor(s *shop, name, email, password string) *actor {
	jar, _ := cookiejar.New(nil) // never fails without options
	a := &actor{name: name, email: email, password: password}
	client := &http.Client{
		Jar: jar, Timeout: 30 * time.Second, Transport: bearer{a: a, base: http.DefaultTransport},
		// The matrix checks each route's own answer, redirects included.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	a.customer = &customer{shop: s, client: client}
	return a
}

// logIn registers the actor unless register is false, logs in and keeps
// the token.
func (a *actor) logIn(t *testing.T, register bool) {
	t.Helper()
	creds := map[string]string{"email": a.email, "password": a.password}
	if register {
		status, data := call(t, a.client, http.MethodPost, a.shop.url+"/api/auth/register", creds)
		decode(t, status, data, http.StatusCreated, nil)
	}
	var tok struct {
		Token string `json:"token"`
	}
	status, data := call(t, a.client, http.MethodPost, a.shop.url+"/api/auth/login", creds)
	decode(t, status, data, http.StatusOK, &tok)
	a.authorization = "Bearer " + tok.Token
}

// cast are the four actors, logged in but for the anonymous one; a
// visitor account lets the anonymous actor try the login route.
type cast struct {
	all     [actors]*actor
	visitor *actor
	orderID string
}

func newCast(t *testing.T, s *shop) *cast {
	c := &cast{visitor: newActor(s, "visitor", "visitor@example.com", "visitor's long secret")}
	c.all[anonymous] = newActor(s, actorNames[anonymous], "", "")
	c.all[customerActor] = newActor(s, actorNames[customerActor], "ada@example.com", "ada's long secret")
	c.all[otherCustomer] = newActor(s, actorNames[otherCustomer], "bob@example.com", "bob's long secret")
	c.all[adminActor] = newActor(s, actorNames[adminActor], authzSettings["admin.email"].(string), authzSettings["admin.password"].(string))
	c.all[customerActor].logIn(t, true)
	c.all[otherCustomer].logIn(t, true)
	c.all[adminActor].logIn(t, false)
	c.visitor.logIn(t, true)
	return c
}

// credentials is the login body of an actor: the visitor's for anonymous.
func (c *cast) credentials(a *actor) map[string]string {
	if a == c.all[anonymous] {
		a = c.visitor
	}
	return map[string]string{"email": a.email, "password": a.password}
}

// placeOrder has the customer buy a mug and waits for the order to settle.
func (c *cast) placeOrder(t *testing.T) {
	ada := c.all[customerActor]
	ada.add(t, mug, 1)
	status, id, body := ada.checkout(t, form(nil), "")
	if status != http.StatusAccepted {
		t.Fatalf("checkout: %d %s", status, body)
	}
	ada.settled(t, id)
	c.orderID = id
}

// routeKey names a registered route as the matrix does.
func routeKey(method, path string) string {
	if path != "/" {
		path = strings.TrimSuffix(path, "/")
	}
	return method + " " + path
}

// registeredRoutes lists the gateway's routes, without the HEAD twins
// fiber adds to every GET.
// The console under /admin is left out: it works with a session cookie, not
// bearer tokens, and its own tests (console_test.go) cover who gets in.
func registeredRoutes(p *testkit.Process) []string {
	var out []string
	for _, r := range p.Gateway.App.GetRoutes(true) {
		if r.Method != http.MethodHead && r.Path != console.Prefix && !strings.HasPrefix(r.Path, console.Prefix+"/") {
			out = append(out, routeKey(r.Method, r.Path))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
