package console_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// The probe is a tiny module: an endpoint, and a subscriber that refuses
// events (as poison: dead-lettered at once) while refusing is set.
type poked struct {
	ID string `json:"id"`
}

var (
	pokedTopic = bus.Topic[poked]("probe.poked.v1")
	pingPoint  = bus.Endpoint[poked, poked]("probe.Ping", bus.Idempotent())
)

type probe struct {
	refusing atomic.Bool
	handled  atomic.Int64
	// stalling makes the errand saga's first step unavailable.
	stalling atomic.Bool
	errand   *saga.Saga[errand]
}

// errand is the probe's saga: fetch, then deliver.
type errand struct {
	What string `json:"what"`
}

func (p *probe) module() fx.Option {
	return host.Module("probe",
		fx.Invoke(func(b *bus.Bus) {
			pingPoint.Handle(b, func(_ context.Context, req poked) (poked, error) {
				if req.ID == "" {
					return poked{}, shared.Invalid("id", "is required")
				}
				return req, nil
			})
			pokedTopic.Consume(b, "probe", func(_ context.Context, e poked) error {
				if p.refusing.Load() {
					return fmt.Errorf("%w: the probe refuses %s", bus.ErrPoison, e.ID)
				}
				p.handled.Add(1)
				return nil
			})
		}),
		fx.Invoke(func(e *saga.Engine) { p.errand = saga.Define(e, p.errandSaga()) }),
		console.AddPanel(func() console.Panel {
			return console.Panel{Module: "probe", Title: "Probe panel", Path: "probe", Handler: probePanel}
		}),
	)
}

func (p *probe) errandSaga() saga.Definition[errand] {
	fetch := func(context.Context, *errand, string) error {
		if p.stalling.Load() {
			return shared.Errorf(shared.CodeUnavailable, "the shop is closed")
		}
		return nil
	}
	nothing := func(context.Context, *errand, string) error { return nil }
	return saga.Definition[errand]{Name: "errand", Module: "probe", Steps: []saga.Step[errand]{
		{Name: "fetch", Do: fetch, Undo: nothing}, {Name: "deliver", Do: nothing},
	}}
}

// users are the fake identity's accounts, by email.
var users = map[string]auth.User{
	"root@example.com": {ID: "u-root", Email: "root@example.com", Role: auth.RoleAdmin},
	"ada@example.com":  {ID: "u-ada", Email: "ada@example.com", Role: auth.RoleCustomer},
}

const password = "correct horse battery"

type fakeIdentity struct{}

func (fakeIdentity) Authenticate(_ context.Context, email, pw string) (auth.User, error) {
	u, ok := users[email]
	if !ok || pw != password {
		return auth.User{}, shared.Errorf(shared.CodeUnauthorized, "wrong email or password")
	}
	return u, nil
}

var withIdentity = fx.Provide(func() auth.Authenticator { return fakeIdentity{} })

// start runs a process on SQLite with the probe and, with identity, the
// fake authenticator.
func start(t *testing.T, identity bool, settings testkit.Settings) (*testkit.Process, *probe) {
	t.Helper()
	return startOn(t, testkit.SQLite(t), identity, settings)
}

// startOn is start on a backend of testkit.Each.
func startOn(t *testing.T, be testkit.Backend, identity bool, settings testkit.Settings) (*testkit.Process, *probe) {
	t.Helper()
	pr := &probe{}
	mods := []fx.Option{pr.module()}
	if identity {
		mods = append(mods, withIdentity)
	}
	return testkit.Start(t, be, settings, mods...), pr
}

// cookie is a console session cookie for a user with role, signed with the
// test processes' key.
func cookie(t *testing.T, userID, role string, ttl time.Duration) string {
	t.Helper()
	keys, err := auth.Load(auth.Config{SigningKey: testkit.SigningKey, TokenTTL: ttl})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := keys.Issue(userID, userID+"@example.com", role)
	if err != nil {
		t.Fatal(err)
	}
	return "jubako_console=" + token
}

func adminCookie(t *testing.T) string { return cookie(t, "u-root", auth.RoleAdmin, time.Hour) }

// page is one response of the console.
type page struct {
	Status int
	Header http.Header
	Body   string
}

var noRedirects = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// fetch sends a request with headers given as pairs and a form body.
func fetch(t *testing.T, method, rawURL string, form url.Values, headers ...string) page {
	t.Helper()
	var body any
	if form != nil {
		body = form
	}
	res := testkit.Send(t, noRedirects, method, rawURL, body, headers...)
	return page{Status: res.Status, Header: res.Header, Body: string(res.Body)}
}

var csrfInPage = regexp.MustCompile(`"X-CSRF-Token":"([^"]+)"`)

// csrf reads the CSRF token a page gives its session.
func csrf(t *testing.T, p page) string {
	t.Helper()
	m := csrfInPage.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no CSRF token in the page (status %d)", p.Status)
	}
	return m[1]
}

// setCookie finds a cookie the response sets.
func setCookie(p page, name string) (*http.Cookie, error) {
	for _, c := range (&http.Response{Header: p.Header}).Cookies() {
		if c.Name == name {
			return c, nil
		}
	}
	return nil, errors.New("no cookie " + name)
}
