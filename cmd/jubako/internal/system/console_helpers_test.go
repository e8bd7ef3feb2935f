package system

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
)

// The console's admin and a customer, and secrets the console must never
// show.
const (
	adminEmail       = "root@example.com"
	adminPassword    = "console-admin-pass-1"
	customerEmail    = "grace@example.com"
	customerPassword = "customer-pass-1234"
	consoleToken     = "console-service-token-0123"
	smtpPassword     = "smtp-Secr3t-password"
)

// consoleSettings are shopSettings plus the first admin and secrets.
func consoleSettings() testkit.Settings {
	return with(testkit.Settings{
		"admin.email": adminEmail, "admin.password": adminPassword, "service.token": consoleToken,
		"notification.smtp.username": "shop", "notification.smtp.password": smtpPassword,
	})
}

// The probe subscribes to its own topic and refuses events (as poison:
// dead-lettered at once) while refusing is set.
type pokedEvent struct {
	ID string `json:"id"`
}

var pokedTopic = bus.Topic[pokedEvent]("probe.poked.v1")

type probe struct {
	refusing atomic.Bool
	handled  atomic.Int64
}

func (p *probe) module() fx.Option {
	return host.Module("probe", fx.Invoke(func(b *bus.Bus) {
		pokedTopic.Consume(b, "probe", func(_ context.Context, e pokedEvent) error {
			if p.refusing.Load() {
				return fmt.Errorf("%w: the probe refuses %s", bus.ErrPoison, e.ID)
			}
			p.handled.Add(1)
			return nil
		})
	}))
}

func (p *probe) poke(t *testing.T, proc *testkit.Process, id string) {
	t.Helper()
	ctx := context.Background()
	if err := proc.DB.Transact(ctx, func(tx *gorm.DB) error { return pokedTopic.Publish(ctx, tx, pokedEvent{ID: id}) }); err != nil {
		t.Fatal(err)
	}
}

// consoleShop runs the whole shop with the probe and registers the
// customer.
func consoleShop(t *testing.T) (*testkit.Process, *shop, *probe) {
	t.Helper()
	return consoleShopWith(t, nil)
}

// consoleShopWith is consoleShop with settings over consoleSettings.
func consoleShopWith(t *testing.T, settings testkit.Settings) (*testkit.Process, *shop, *probe) {
	t.Helper()
	pr := &probe{}
	all := consoleSettings()
	maps.Copy(all, settings)
	p := testkit.Start(t, testkit.SQLite(t), all, append(append([]fx.Option{}, linked.Modules()...), pr.module())...)
	s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
	status, data := call(t, http.DefaultClient, http.MethodPost, p.URL+"/api/auth/register",
		map[string]string{"email": customerEmail, "password": customerPassword})
	if status != http.StatusCreated {
		t.Fatalf("register the customer: %d %s", status, data)
	}
	return p, s, pr
}

// consoleSession logs the admin in through the login form and returns the
// session cookie and the CSRF token of its pages.
func consoleSession(t *testing.T, base string) (cookie, csrf string) {
	t.Helper()
	jar := noFollow()
	res := get(t, jar, base+"/admin/login", nil)
	token := between(res.body, `name="csrf" value="`, `"`)
	form := url.Values{"email": {adminEmail}, "password": {adminPassword}, "csrf": {token}}
	res = get(t, jar, base+"/admin/login", form)
	if res.status != http.StatusSeeOther {
		t.Fatalf("login: %d %s", res.status, res.body)
	}
	for _, c := range res.cookies {
		if c.Name == "jubako_console" {
			cookie = c.Name + "=" + c.Value
		}
	}
	page := get(t, jar, base+"/admin", nil)
	return cookie, between(page.body, `"X-CSRF-Token":"`, `"`)
}

type response struct {
	status  int
	body    string
	cookies []*http.Cookie
}

// noFollow is a browser-like client that keeps cookies and stops at
// redirects.
func noFollow() *http.Client {
	c := (&shop{}).customer().client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// get fetches a page, or posts form when it is not nil.
func get(t *testing.T, c *http.Client, rawURL string, form url.Values, headers ...string) response {
	t.Helper()
	method, body := http.MethodGet, any(nil)
	if form != nil {
		method, body = http.MethodPost, form
	}
	res := testkit.Send(t, c, method, rawURL, body, headers...)
	return response{status: res.Status, body: string(res.Body), cookies: res.Cookies()}
}

func between(s, from, to string) string {
	_, rest, _ := strings.Cut(s, from)
	v, _, _ := strings.Cut(rest, to)
	return v
}
