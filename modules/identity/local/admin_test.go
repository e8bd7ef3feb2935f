package local_test

import (
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/identity/internal/app"
	"github.com/jubako/jubako/modules/identity/internal/store"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/testkit"
)

// generated matches the one line that hands out a generated password.
var generated = regexp.MustCompile(`level=WARN msg="first admin created: email (\S+) password (\S+): change it"`)

func TestFirstAdminFromSettings(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, logs := start(t, be, adminSettings)
		bearer := login(t, p, "boss@example.com", "correct horse battery")
		if status, a := me(t, p, bearer); status != http.StatusOK || a.Role != "admin" || a.Email != "boss@example.com" {
			t.Errorf("me: %d %+v, want the admin boss@example.com", status, a)
		}
		if res := p.Do(t, http.MethodGet, "/api/admin/registry", nil, "Authorization", bearer); res.Status != http.StatusOK {
			t.Errorf("admin route with the first admin's token: %d %s", res.Status, res.Body)
		}
		customer := register(t, p, "ada@example.com", "ada's long secret")
		if customer.Role != "customer" {
			t.Errorf("a registration after the admin's: role %q, want customer", customer.Role)
		}
		if out := logs.String(); strings.Contains(out, "correct horse battery") || generated.MatchString(out) {
			t.Errorf("the logs show a password:\n%s", out)
		}
	})
}

func TestGeneratedFirstAdminIsLoggedOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, logs := start(t, be, nil)
		m := generated.FindAllStringSubmatch(logs.String(), -1)
		if len(m) != 1 || m[0][1] != app.DefaultAdminEmail || len(m[0][2]) != 20 {
			t.Fatalf("want one WARN line with %s and a 20-character password, logs:\n%s", app.DefaultAdminEmail, logs)
		}
		password := m[0][2]
		bearer := login(t, p, app.DefaultAdminEmail, password)
		if res := p.Do(t, http.MethodGet, "/api/admin/registry", nil, "Authorization", bearer); res.Status != http.StatusOK {
			t.Errorf("admin route with the generated admin's token: %d %s", res.Status, res.Body)
		}
		p.Stop(t)

		again, logs := start(t, be, nil)
		if strings.Contains(logs.String(), "first admin created") {
			t.Errorf("the second start created an admin again:\n%s", logs)
		}
		login(t, again, app.DefaultAdminEmail, password)
	})
}

// TestStartsRacingCreateOneAdmin runs the start hook of several processes
// at once on one database with no admin.
func TestStartsRacingCreateOneAdmin(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		for _, tc := range []struct {
			name  string
			admin app.AdminConfig
		}{
			{"generated", app.AdminConfig{}},
			{"from settings", app.AdminConfig{Email: "boss@example.com", Password: "correct horse battery"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p, _ := start(t, be, nil)
				if err := p.DB.Exec("DELETE FROM identity_users").Error; err != nil {
					t.Fatal(err)
				}
				logs := &testkit.LogBuffer{}
				var wg sync.WaitGroup
				for _, s := range services(t, p, tc.admin, logs, 6) {
					wg.Go(func() {
						if err := s.EnsureAdmin(context.Background()); err != nil {
							t.Errorf("EnsureAdmin: %v", err)
						}
					})
				}
				wg.Wait()
				var n int64
				if err := p.DB.Table("identity_users").Where("role = ?", "admin").Count(&n).Error; err != nil || n != 1 {
					t.Errorf("%d admins (%v), want 1", n, err)
				}
				if c := strings.Count(logs.String(), "first admin created"); c != 1 {
					t.Errorf("%d processes say they created the admin, want 1:\n%s", c, logs)
				}
			})
		}
	})
}

func TestFirstAdminEmailTakenByACustomer(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		if err := p.DB.Exec("DELETE FROM identity_users").Error; err != nil {
			t.Fatal(err)
		}
		register(t, p, "boss@example.com", "a customer's secret")
		s := services(t, p, app.AdminConfig{Email: "boss@example.com"}, &testkit.LogBuffer{}, 1)[0]
		if err := s.EnsureAdmin(context.Background()); err == nil || !strings.Contains(err.Error(), "boss@example.com belongs to a customer") {
			t.Errorf("EnsureAdmin: %v, want an error naming the customer's email", err)
		}
	})
}

// services builds n identity services on the process's database, as n
// processes would have.
func services(t *testing.T, p *testkit.Process, admin app.AdminConfig, logs *testkit.LogBuffer, n int) []*app.Service {
	t.Helper()
	keys, err := auth.Load(auth.Config{SigningKey: testkit.SigningKey, TokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*app.Service, n)
	for i := range out {
		if out[i], err = app.New(store.New(p.DB), keys, p.Bus, admin, slog.New(slog.NewTextHandler(logs, nil))); err != nil {
			t.Fatal(err)
		}
	}
	return out
}
