package local_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestRegisterLoginMeRefresh(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		ada := register(t, p, " Ada@Example.com", "ada's long secret")
		if ada.ID == "" || ada.Email != "ada@example.com" || ada.Role != "customer" {
			t.Errorf("registered %+v, want an id, the lower-case email and role customer", ada)
		}
		bearer := login(t, p, "ADA@example.COM", "ada's long secret")
		if status, got := me(t, p, bearer); status != http.StatusOK || got != ada {
			t.Errorf("GET /api/auth/me: %d %+v, want 200 %+v", status, got, ada)
		}

		res := p.Do(t, http.MethodPost, "/api/auth/refresh", nil, "Authorization", bearer)
		var fresh token
		res.Decode(t, &fresh)
		if res.Status != http.StatusOK || fresh.Token == "" {
			t.Fatalf("refresh: %d %s", res.Status, res.Body)
		}
		if status, got := me(t, p, "Bearer "+fresh.Token); status != http.StatusOK || got != ada {
			t.Errorf("me with the refreshed token: %d %+v, want %+v", status, got, ada)
		}

		for name, headers := range map[string][]string{
			"no token":            nil,
			"garbage token":       {"Authorization", "Bearer not-a-jwt"},
			"not a bearer":        {"Authorization", "Basic YWRhOnNlY3JldA=="},
			"token of a stranger": {"Authorization", testkit.CustomerAuthorization},
		} {
			res := p.Do(t, http.MethodPost, "/api/auth/refresh", nil, headers...)
			if res.Status != http.StatusUnauthorized || res.Err(t).Error.Code != "unauthorized" {
				t.Errorf("refresh with %s: %d %s, want 401 unauthorized", name, res.Status, res.Body)
			}
		}
	})
}

func TestADeletedUserCannotRefresh(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		ada := register(t, p, "ada@example.com", "ada's long secret")
		bearer := login(t, p, "ada@example.com", "ada's long secret")
		if err := p.DB.Exec("DELETE FROM identity_users WHERE id = ?", ada.ID).Error; err != nil {
			t.Fatal(err)
		}
		if res := p.Do(t, http.MethodPost, "/api/auth/refresh", nil, "Authorization", bearer); res.Status != http.StatusUnauthorized {
			t.Errorf("refresh for a deleted user: %d %s, want 401", res.Status, res.Body)
		}
		if status, _ := me(t, p, bearer); status != http.StatusUnauthorized {
			t.Errorf("me for a deleted user: %d, want 401", status)
		}
	})
}

func TestGetUserOverTheBus(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		ada := register(t, p, "ada@example.com", "ada's long secret")
		ctx := context.Background()
		u, err := identity.GetUser.Call(ctx, p.Bus, identity.GetUserRequest{UserID: ada.ID})
		if err != nil || u.ID != ada.ID || u.Email != ada.Email || u.Role != "customer" || u.CreatedAt.IsZero() {
			t.Errorf("GetUser: %+v, %v; want ada with a creation time", u, err)
		}
		if _, err := identity.GetUser.Call(ctx, p.Bus, identity.GetUserRequest{UserID: "nobody"}); !errors.Is(err, identity.ErrUserNotFound) {
			t.Errorf("GetUser of an unknown id: %v, want ErrUserNotFound", err)
		}
		_, err = identity.GetUser.Call(ctx, p.Bus, identity.GetUserRequest{UserID: " "})
		testkit.WantInvalid(t, err, "user_id")
	})
}

func TestFailedLoginsLookAlike(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		register(t, p, "ada@example.com", "ada's long secret")
		wrongPassword := p.Do(t, http.MethodPost, "/api/auth/login", map[string]string{"email": "ada@example.com", "password": "not her secret"})
		unknownEmail := p.Do(t, http.MethodPost, "/api/auth/login", map[string]string{"email": "bob@example.com", "password": "ada's long secret"})
		for name, res := range map[string]testkit.Response{"wrong password": wrongPassword, "unknown email": unknownEmail} {
			if e := res.Err(t).Error; res.Status != http.StatusUnauthorized || e.Code != "unauthorized" || e.Reason != "bad_credentials" {
				t.Errorf("%s: %d %s, want 401 unauthorized bad_credentials", name, res.Status, res.Body)
			}
		}
		if string(wrongPassword.Body) != string(unknownEmail.Body) {
			t.Errorf("the answers tell the cases apart:\nwrong password: %s\nunknown email:  %s", wrongPassword.Body, unknownEmail.Body)
		}
	})
}

func TestTheModuleAuthenticatesForThePlatform(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		var authn auth.Authenticator
		p := testkit.StartWith(t, testkit.Options{Backend: be, Settings: adminSettings, Modules: append(modules(), fx.Populate(&authn))})
		ada := register(t, p, "ada@example.com", "ada's long secret")
		ctx := context.Background()
		for _, tc := range []struct {
			name, email, password string
			want                  auth.User
		}{
			{"customer", "Ada@Example.com", "ada's long secret", auth.User{ID: ada.ID, Email: ada.Email, Role: auth.RoleCustomer}},
			{"first admin", "boss@example.com", "correct horse battery", auth.User{Email: "boss@example.com", Role: auth.RoleAdmin}},
		} {
			u, err := authn.Authenticate(ctx, tc.email, tc.password)
			if tc.want.ID == "" {
				tc.want.ID = u.ID
			}
			if err != nil || u != tc.want || u.ID == "" {
				t.Errorf("%s: %+v, %v; want %+v", tc.name, u, err, tc.want)
			}
		}
		for name, creds := range map[string][2]string{
			"wrong password": {"ada@example.com", "not her secret"},
			"unknown email":  {"bob@example.com", "ada's long secret"},
		} {
			if _, err := authn.Authenticate(ctx, creds[0], creds[1]); !errors.Is(err, shared.ErrUnauthorized) {
				t.Errorf("%s: %v, want Unauthorized", name, err)
			}
		}
	})
}
